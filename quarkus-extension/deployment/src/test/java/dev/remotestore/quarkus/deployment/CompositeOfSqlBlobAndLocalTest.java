package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default store is a composite of a {@code sql-blob} tier on the default datasource (the write tier) and a
 * {@code local} tier: writes land in the database, reads fall through to the directory, keys migrate between the
 * tiers. (Match patterns route keys in {@link InjectionTest}.)
 */
class CompositeOfSqlBlobAndLocalTest {
    static final Path ARCHIVE = Path.of("target/quarkus-tests/composite/archive");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Shared.class))
            .setBeforeAllCustomizer(() -> Shared.deleteTree(ARCHIVE))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:composite;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "db,archive")
            .overrideConfigKey("quarkus.remote-store.write-tier", "db")
            .overrideConfigKey("quarkus.remote-store.\"db\".type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.\"archive\".type", "local")
            .overrideConfigKey("quarkus.remote-store.\"archive\".root", ARCHIVE.toString());

    @Inject
    CompositeStore store;

    @Inject
    @Identifier("db")
    Store db;

    @Inject
    @Identifier("archive")
    Store archive;

    @Test
    void writesLandInTheDatabaseTier() {
        store.write("orders/1.json", bytes("{}"));
        assertThat(db.exists("orders/1.json")).isTrue();
        assertThat(ARCHIVE.resolve("orders/1.json")).doesNotExist();
        assertThat(store.resolve("orders/1.json").kind()).isEqualTo("composite");
        assertThat(store.resolve("orders/1.json").details()).containsEntry("resolvedTier", "db");
    }

    @Test
    void readsFallThroughToTheTierThatHasTheKey() {
        archive.write("legacy.txt", bytes("only on disk"));
        assertThat(store.readBytes("legacy.txt")).isEqualTo(bytes("only on disk"));
        assertThat(store.resolve("legacy.txt").details())
                .containsEntry("resolvedTier", "archive")
                .containsEntry("tried", java.util.List.of("db", "archive"));
    }

    @Test
    void keysMigrateFromTheDatabaseToTheDirectory() {
        db.write("reports/q1.pdf", bytes("pdf"));
        store.migrate("reports/q1.pdf", "db", "archive");
        assertThat(db.exists("reports/q1.pdf")).isFalse();
        assertThat(ARCHIVE.resolve("reports/q1.pdf")).hasContent("pdf");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
