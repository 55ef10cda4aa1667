package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A statement kept prepared on SQLite connections: reused, never stale, never holding a read open. */
class KeptStatementTest {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("kept.db");
    }

    private static String one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @DisplayName("every run on one connection gets the same prepared statement")
    void reusedOnAConnection() throws SQLException {
        KeptStatement kept = new KeptStatement("SELECT 'x'");
        List<PreparedStatement> seen = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url())) {
            for (int i = 0; i < 3; i++) {
                String answer = kept.run(c, ps -> {
                    seen.add(ps);
                    return one(ps);
                });
                assertThat(answer).isEqualTo("x");
            }
        }
        assertThat(seen).hasSize(3).allSatisfy(ps -> assertThat(ps).isSameAs(seen.get(0)));
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a statement whose use failed is closed and prepared anew")
    void failedStatementIsReplaced() throws SQLException {
        KeptStatement kept = new KeptStatement("SELECT 'x'");
        List<PreparedStatement> seen = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url())) {
            assertThatThrownBy(() -> kept.run(c, ps -> {
                        seen.add(ps);
                        throw new SQLException("the work failed");
                    }))
                    .hasMessage("the work failed");
            assertThat(seen.get(0).isClosed()).isTrue();
            kept.run(c, ps -> seen.add(ps));
            assertThat(seen.get(1)).isNotSameAs(seen.get(0));
            assertThat(seen.get(1).isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("statements of connections the pool has closed are dropped when a new connection comes")
    void closedConnectionsAreForgotten() throws SQLException {
        KeptStatement kept = new KeptStatement("SELECT 'x'");
        try (Connection first = DriverManager.getConnection(url())) {
            kept.run(first, KeptStatementTest::one);
        }
        try (Connection second = DriverManager.getConnection(url())) {
            assertThat(kept.run(second, KeptStatementTest::one)).isEqualTo("x");
            assertThat(kept.size()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName(
            "a SQLite store reads what another pool wrote since its last read, and holds no read open between reads")
    void keptReadsStayFresh() throws SQLException {
        try (Store reader = Store.of(SqlBlobBackend.builder()
                        .url(url())
                        .table("rs_kept")
                        .maxPoolSize(1)
                        .build());
                Store writer = Store.of(SqlBlobBackend.builder()
                        .url(url())
                        .table("rs_kept")
                        .maxPoolSize(1)
                        .build())) {
            for (int version = 0; version < 20; version++) {
                byte[] content = ("version " + version).getBytes(StandardCharsets.UTF_8);
                writer.write("k.txt", content, WriteOption.OVERWRITE);
                assertThat(reader.readBytes("k.txt"))
                        .as("read after write %d", version)
                        .isEqualTo(content);
            }
            writer.delete("k.txt");
            assertThat(reader.exists("k.txt")).isFalse();
            // A statement left un-reset would keep a read transaction open on the reader's connection: a
            // checkpoint that truncates the WAL has to wait for it, and reports busy when it cannot wait.
            try (Connection c = DriverManager.getConnection(url());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("checkpoint busy").isZero();
            }
        }
    }
}
