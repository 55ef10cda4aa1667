package dev.remotestore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.config.StoreConfigurationException;
import dev.remotestore.config.StoreFactory;
import dev.remotestore.sql.SqlBlobBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite hot tier and an S3 cold tier migrating by age; the configuration factory's {@code s3} type. */
class S3CompositeAndConfigTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a composite of SQLite sql-blob and s3 migrates files older than 30 days with nothing lost")
    void migrateByAgeFromSqliteToS3() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        Instant old = now.minus(Duration.ofDays(45));
        String url = "jdbc:sqlite:" + dir.resolve("hot.db");
        Map<String, byte[]> written = new LinkedHashMap<>();
        // the old files, written with a clock 45 days back
        try (Store past = Store.of(SqlBlobBackend.builder()
                .url(url)
                .clock(Clock.fixed(old, ZoneOffset.UTC))
                .build())) {
            for (int i = 0; i < 12; i++) {
                byte[] content = ("old-" + i).repeat(100 * i + 1).getBytes(StandardCharsets.UTF_8);
                past.write("reports/2026/old-" + i + ".csv", content);
                written.put("reports/2026/old-" + i + ".csv", content);
            }
        }
        Store hot = Store.of(SqlBlobBackend.builder()
                .url(url)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build());
        Store cold = Store.of(S3TestServer.backend().build());
        try (CompositeStore composite = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("cold", cold))
                .build()) {
            for (int i = 0; i < 5; i++) {
                byte[] content = ("new-" + i).getBytes(StandardCharsets.UTF_8);
                composite.write("reports/2026/new-" + i + ".csv", content);
                written.put("reports/2026/new-" + i + ".csv", content);
            }
            Instant cutoff = now.minus(Duration.ofDays(30));
            List<String> moved = composite.migrate("hot", "cold", f -> f.modifiedAt()
                    .map(m -> m.isBefore(cutoff))
                    .orElse(false));

            assertThat(moved).hasSize(12).allMatch(k -> k.contains("/old-"));
            assertThat(paths(composite.tier("hot").listFiles("", ListOption.RECURSIVE)))
                    .containsExactlyInAnyOrder(written.keySet().stream()
                            .filter(k -> k.contains("/new-"))
                            .toArray(String[]::new));
            assertThat(paths(composite.tier("cold").listFiles("", ListOption.RECURSIVE)))
                    .containsExactlyInAnyOrderElementsOf(moved);
            for (Map.Entry<String, byte[]> e : written.entrySet()) {
                assertThat(composite.readBytes(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(composite.resolve("reports/2026/old-3.csv").details()).containsEntry("resolvedTier", "cold");
        }
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return new ArrayList<>(files.map(FileInfo::path).toList());
        }
    }

    @Test
    @DisplayName("the configuration factory builds an s3 store from properties")
    void factoryBuildsS3Store() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("type", "s3");
        props.put("bucket", S3TestServer.BUCKET);
        props.put("prefix", S3TestServer.freshPrefix());
        props.put("region", S3TestServer.REGION);
        props.put("endpoint", S3TestServer.ENDPOINT.toString());
        props.put("path-style", "true");
        props.put("access-key-id", S3TestServer.ACCESS_KEY);
        props.put("secret-access-key", S3TestServer.SECRET_KEY);
        props.put("part-size", "5M");
        StoreFactory factory =
                StoreFactory.builder().prefix("remote-store.").properties(props).build();
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            store.write("conf/x.txt", "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(store.readBytes("conf/x.txt")).asString().isEqualTo("hello");
            assertThat(store.resolve("conf/x.txt").kind()).isEqualTo("s3");
        }
    }

    @Test
    @DisplayName("the factory reports a missing bucket and a lone access key, and never prints the secret")
    void factoryReportsProblems() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("type", "s3");
        props.put("secret-access-key", "super-secret-value");
        props.put("part-size", "1K");
        assertThatThrownBy(() -> StoreFactory.builder()
                        .prefix("remote-store.")
                        .properties(props)
                        .build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("bucket")
                .hasMessageContaining("access-key-id")
                .hasMessageContaining("part-size")
                .message()
                .doesNotContain("super-secret-value");
    }
}
