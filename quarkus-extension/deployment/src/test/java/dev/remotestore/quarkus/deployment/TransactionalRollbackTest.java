package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Store;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code sql-blob} store on an Agroal datasource joins the caller's JTA transaction: inside {@code @Transactional}
 * its write commits with the application's own JDBC changes, and rolls back with them.
 */
class TransactionalRollbackTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Invoices.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:transactions;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob");

    /** An application service: an invoice row and its PDF, in one transaction. */
    @ApplicationScoped
    public static class Invoices {
        @Inject
        Store store;

        @Inject
        AgroalDataSource dataSource;

        /** Saves both, then fails if asked to: everything or nothing. */
        @Transactional
        public void save(int number, boolean fail) throws SQLException {
            String key = "invoices/" + number + ".pdf";
            store.write(key, ("invoice " + number).getBytes(StandardCharsets.UTF_8));
            try (Connection c = dataSource.getConnection();
                    PreparedStatement st = c.prepareStatement("INSERT INTO invoice (id, pdf_key) VALUES (?, ?)")) {
                st.setInt(1, number);
                st.setString(2, key);
                st.executeUpdate();
            }
            if (!store.exists(key)) {
                throw new AssertionError("the transaction does not see its own write");
            }
            if (fail) {
                throw new IllegalStateException("invoice " + number + " refused");
            }
        }
    }

    @Inject
    Invoices invoices;

    @Inject
    Store store;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void invoiceTable() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS invoice (id INT PRIMARY KEY, pdf_key VARCHAR(200))");
        }
    }

    @Test
    void commitKeepsTheRowAndTheBlob() throws SQLException {
        invoices.save(1, false);
        assertThat(invoiceExists(1)).isTrue();
        assertThat(store.readBytes("invoices/1.pdf"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("invoice 1");
    }

    @Test
    void rollbackDiscardsTheRowAndTheBlob() throws SQLException {
        assertThatThrownBy(() -> invoices.save(2, true)).hasMessage("invoice 2 refused");
        assertThat(invoiceExists(2)).isFalse();
        assertThat(store.exists("invoices/2.pdf")).isFalse();
    }

    private boolean invoiceExists(int id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM invoice WHERE id = ?")) {
            st.setInt(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
