package dev.remotestore.sql;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * H2: {@code BLOB} data kept in H2's LOB storage and streamed by the driver; {@code VARCHAR} keys compare by
 * UTF-16 unit, which matches byte order except between characters above U+FFFF and those in U+E000..U+FFFF.
 * H2 runs in the application's JVM, and its {@code SUBSTRING} of a {@code BLOB} materializes the whole value
 * there: slices are read through {@link Blob#getBinaryStream(long, long)} instead, which H2 streams from its
 * LOB storage.
 */
final class H2Dialect extends SqlDialect {
    @Override
    String name() {
        return "h2";
    }

    @Override
    boolean isProduct(String product) {
        return product.equals("h2");
    }

    @Override
    List<String> urlPrefixes() {
        return List.of("jdbc:h2:");
    }

    @Override
    String driverArtifact() {
        return "com.h2database:h2";
    }

    @Override
    int maxKeyBytes() {
        return 1024 * 4;
    }

    @Override
    String upsert(String table, String keyColumn, List<String> columns) {
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + keyColumn + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** The LOB itself: {@link #readSlice} streams the range out of it. */
    @Override
    String slice(String column) {
        return column;
    }

    @Override
    boolean sliceBindsRange() {
        return false;
    }

    @Override
    byte[] readSlice(ResultSet rs, long from, int length) throws SQLException {
        Blob blob = rs.getBlob(1);
        if (blob == null) {
            return null;
        }
        try (InputStream in = blob.getBinaryStream(from + 1, length)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("reading a slice of an H2 LOB failed", e);
        } finally {
            blob.free();
        }
    }

    /**
     * H2 has no advisory locks, and its locking reads neither see nor wait for other transactions' uncommitted
     * inserts: creators exclude each other inside the JVM (embedded H2).
     */
    @Override
    boolean locksCreatesInProcess() {
        return true;
    }

    /** Without the statement H2 appends ("; SQL statement: …"): it can hold a value's text, and runs long. */
    @Override
    String message(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int statement = message.indexOf("; SQL statement:");
        return statement >= 0 ? message.substring(0, statement) : message;
    }

    @Override
    boolean isValueTooLong(SQLException e) {
        return "22001".equals(e.getSQLState()) || e.getErrorCode() == 22001;
    }
}
