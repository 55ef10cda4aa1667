package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL server stops while a store is in use: operations fail with {@link BackendUnavailableException}
 * during the outage and work again afterwards, without rebuilding the store. Stops the machine's server, so it
 * restarts it in every case before returning.
 */
class PostgresOutageTest {

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTestTables();
    }

    private static String clusterVersion() throws IOException {
        Path etc = Path.of("/etc/postgresql");
        boolean tool = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_ctlcluster")));
        if (!tool || !Files.isDirectory(etc)) {
            String reason = "pg_ctlcluster or /etc/postgresql is missing: cannot stop and start the server";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: " + reason);
            }
            Assumptions.abort(reason);
        }
        try (Stream<Path> versions = Files.list(etc)) {
            return versions.map(p -> p.getFileName().toString())
                    .filter(v -> Files.isDirectory(etc.resolve(v).resolve("main")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no cluster 'main' under /etc/postgresql"));
        }
    }

    private static void cluster(String version, String action) throws IOException, InterruptedException {
        List<String> command = action.equals("stop")
                ? List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast")
                : List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as("pg_ctlcluster %s: %s", action, out).isZero();
    }

    private static boolean ready() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pg_isready", "-h", "127.0.0.1", "-p", "5432")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    @DisplayName("during an outage operations fail with BackendUnavailableException; afterwards the same store works")
    void outageAndRecovery() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.pool();
        String version = clusterVersion();
        byte[] value = "survives".getBytes(StandardCharsets.UTF_8);
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(db.url())
                .user(db.user())
                .password(db.password())
                .table(TestDatabase.newTableName())
                .connectionTimeout(Duration.ofSeconds(2))
                .build())) {
            store.write("k.bin", value);
            try {
                cluster(version, "stop");
                assertThatThrownBy(() -> store.readBytes("k.bin")).isInstanceOf(BackendUnavailableException.class);
                assertThatThrownBy(() -> store.write("during.bin", value))
                        .isInstanceOf(BackendUnavailableException.class);
                assertThatThrownBy(() -> store.exists("k.bin")).isInstanceOf(BackendUnavailableException.class);
            } finally {
                cluster(version, "start");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!ready() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            }
            byte[] back = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (back == null && System.nanoTime() < deadline) {
                try {
                    back = store.readBytes("k.bin");
                } catch (BackendUnavailableException stillRecovering) {
                    Thread.sleep(200); // the pool is replacing connections the restart killed
                }
            }
            assertThat(back).isEqualTo(value);
            store.write("after.bin", value, WriteOption.OVERWRITE);
            assertThat(store.exists("during.bin")).isFalse();
            assertThat(store.readBytes("after.bin")).isEqualTo(value);
        }
    }
}
