package dev.remotestore.sql;

import dev.remotestore.Backend;
import dev.remotestore.Store;
import dev.remotestore.sql.format.ResultSchema;
import dev.remotestore.sql.format.ResultSerializer;
import dev.remotestore.sql.format.RowCursor;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.StoreConformanceTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kit against a query backend (read side only; writes must refuse). A file is seeded as a row of a table
 * plus a mapping {@code key → SELECT data FROM seeds WHERE id = n}, served in a test format that writes the
 * single binary value as is; each seed rebuilds the backend with one mapping more. Query results have no
 * size, digest, content type of their own or modification time until materialized: those quirks are declared.
 */
@DatabaseTest
class SqlQueryConformanceTest extends StoreConformanceTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static DataSource ds;
    private static String seeds;

    /** Writes the one binary value of a one-row result verbatim. */
    static final class RawSerializer implements ResultSerializer {
        @Override
        public String format() {
            return "raw";
        }

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public void write(ResultSchema schema, RowCursor rows, OutputStream out) throws IOException {
            while (rows.next()) {
                out.write((byte[]) rows.get(0));
            }
        }
    }

    private final Map<String, Integer> mapped = new LinkedHashMap<>();
    private Swappable backend;

    /** A backend whose delegate a seed replaces, so that the kit's store sees the new mappings. */
    private static final class Swappable implements java.lang.reflect.InvocationHandler {
        private volatile Backend current;

        Swappable(Backend first) {
            this.current = first;
        }

        Backend proxy() {
            return (Backend) java.lang.reflect.Proxy.newProxyInstance(
                    Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, this);
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(current, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        void swap(Backend next) {
            Backend old = current;
            current = next;
            old.close();
        }
    }

    @BeforeAll
    static void createSeedTable() throws SQLException {
        ds = TestDatabase.H2.dataSource();
        seeds = TestDatabase.newTableName();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + seeds + " (id INT PRIMARY KEY, data BLOB NOT NULL)");
        }
    }

    private SqlQueryBackend build() {
        SqlQueryBackend.Builder b = SqlQueryBackend.builder().dataSource(ds).serializer(new RawSerializer());
        mapped.forEach((key, id) -> b.query(key, "SELECT data FROM " + seeds + " WHERE id = " + id, "raw"));
        return b.build();
    }

    @Override
    protected Store createStore() {
        mapped.clear();
        backend = new Swappable(build());
        return Store.of(backend.proxy());
    }

    @Override
    protected boolean canSeed() {
        return true;
    }

    @Override
    protected void seed(String path, byte[] content) {
        int id = IDS.incrementAndGet();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + seeds + " VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setBytes(2, content);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        mapped.put(dev.remotestore.RemotePath.of(path).toString(), id);
        backend.swap(build());
    }

    @Override
    protected boolean keepsContentType() {
        return false;
    }

    @Override
    protected boolean keepsDigest() {
        return false;
    }

    @Override
    protected boolean keepsModifiedAt() {
        return false;
    }

    @Override
    protected boolean knowsSizes() {
        return false;
    }
}
