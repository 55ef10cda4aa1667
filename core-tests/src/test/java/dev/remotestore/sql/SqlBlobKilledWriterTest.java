package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.StoreConformanceTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A writer process killed with SIGKILL in the middle of {@code writeAtomic} never damages the old content. */
@DatabaseTest
class SqlBlobKilledWriterTest {
    @TempDir
    Path tmp;

    private String urlOf(TestDatabase db) {
        return db == TestDatabase.SQLITE ? "jdbc:sqlite:" + tmp.resolve("killed.db") : db.url();
    }

    private static void assertOnlyOldContent(Store store) {
        assertThat(store.readBytes("report.bin")).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
        try (Stream<FileInfo> files = store.listFiles("", ListOption.RECURSIVE)) {
            assertThat(files.map(FileInfo::path)).containsExactly("report.bin");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    @DisplayName("killed while streaming its content, the writer leaves the old content intact")
    void killedWhileStreaming(TestDatabase db) throws Exception {
        if (db.isServer()) {
            db.dataSource();
        }
        String table = TestDatabase.newTableName();
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(urlOf(db))
                .user(db.user())
                .table(table)
                .build())) {
            store.write("report.bin", "old".getBytes(StandardCharsets.UTF_8));
            Process writer = ChildJvm.builder(
                            List.of(), Writer.class, urlOf(db), String.valueOf(db.user()), table, "slow")
                    .start();
            try {
                // other lines (a logging library's warnings) may come first
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
                assertThat(lines.lines().filter(l -> l.equals("writing")).findFirst())
                        .as("the writer reports that it is streaming")
                        .isPresent();
                assertOnlyOldContent(store);
            } finally {
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertOnlyOldContent(store);
        }
    }

    @Test
    @DisplayName("PostgreSQL: killed while its INSERT runs on the server, the writer leaves the old content intact")
    void killedInsideTheStatement() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.dataSource();
        String table = TestDatabase.newTableName();
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(db.url())
                .user(db.user())
                .table(table)
                .build())) {
            store.write("report.bin", "old".getBytes(StandardCharsets.UTF_8));
            Process writer = ChildJvm.builder(List.of(), Writer.class, db.url(), db.user(), table, "big")
                    .start();
            boolean caughtInStatement = false;
            try {
                // Wait until the writer's upsert of this table is executing on the server, then kill it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                try (Connection c = db.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE"
                                + " query LIKE 'INSERT INTO \"" + table + "\"%' AND state <> 'idle'"
                                + " AND pid <> pg_backend_pid()")) {
                    while (System.nanoTime() < deadline && writer.isAlive()) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) > 0) {
                                caughtInStatement = true;
                                break;
                            }
                        }
                    }
                }
            } finally {
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(caughtInStatement)
                    .as("the writer was killed while its statement ran")
                    .isTrue();
            // the server notices the dead client and rolls its transaction back
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (Connection c = db.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE"
                                + " query LIKE 'INSERT INTO \"" + table + "\"%' AND pid <> pg_backend_pid()")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            break;
                        }
                    }
                }
                Thread.sleep(50);
            }
            assertOnlyOldContent(store);
        }
    }

    /** The killed process: overwrites report.bin atomically, slowly ("slow") or with 40 MB at once ("big"). */
    public static final class Writer {
        public static void main(String[] args) {
            String user = args[1].equals("null") ? null : args[1];
            Store store = Store.of(SqlBlobBackend.builder()
                    .url(args[0])
                    .user(user)
                    .table(args[2])
                    .build());
            if (args[3].equals("big")) {
                store.writeAtomic(
                        "report.bin", new StoreConformanceTest.GeneratedInput(40_000_000L, 3), WriteOption.OVERWRITE);
                return;
            }
            store.writeAtomic("report.bin", new StoreConformanceTest.TricklingInput(64 * 1024), WriteOption.OVERWRITE);
        }
    }
}
