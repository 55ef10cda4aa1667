package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sql-blob} stores on the application's Agroal datasources: the default one, and a named one with its own
 * table and blob size limit. The store borrows the very datasource bean and writes rows the application can query.
 */
class SqlBlobStoreTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:sql-blob-default;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.\"files\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"files\".jdbc.url", "jdbc:h2:mem:sql-blob-files;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.\"documents\".type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.\"documents\".datasource", "files")
            .overrideConfigKey("quarkus.remote-store.\"documents\".table", "documents")
            .overrideConfigKey("quarkus.remote-store.\"documents\".max-blob-size", "1K");

    @Inject
    Store store;

    @Inject
    @Identifier("documents")
    Store documents;

    @Inject
    AgroalDataSource defaultDataSource;

    @Inject
    @io.quarkus.agroal.DataSource("files")
    AgroalDataSource filesDataSource;

    @Test
    void defaultStoreWritesTheDefaultTableOfTheDefaultDatasource() throws SQLException {
        store.write("invoices/2024/1.pdf", bytes("pdf"));
        assertThat(store.readBytes("invoices/2024/1.pdf")).isEqualTo(bytes("pdf"));
        assertThat(store.resolve("invoices/2024/1.pdf").details()).containsEntry("table", "remote_store_objects");
        assertThat(rowSize(defaultDataSource, "remote_store_objects", "invoices/2024/1.pdf"))
                .isEqualTo(3);
    }

    @Test
    void namedStoreUsesItsDatasourceTableAndLimit() throws SQLException {
        documents.write("a.txt", bytes("in the files datasource"));
        assertThat(rowSize(filesDataSource, "documents", "a.txt")).isEqualTo(23);
        assertThat(store.exists("a.txt")).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> documents.write("big.bin", new byte[2048])))
                .hasMessageContaining("1024");
    }

    @Test
    void storeBorrowsTheDatasourceBean() {
        DataSource borrowed = documents.unwrap(DataSource.class);
        assertThat(borrowed).isSameAs(filesDataSource);
    }

    private static int rowSize(DataSource ds, String table, String key) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        // the table's names are lower case; quoted as standard SQL quotes them
                        "SELECT \"size\" FROM \"" + table + "\" WHERE \"key\" = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
