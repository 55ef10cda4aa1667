package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.sql.QuerySource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code sql-query} store on a named datasource serves explicit queries ({@code queries."<key>"}, placeholders
 * included) and the named queries another build step hands in through {@link RemoteStoreQuerySourceBuildItem} (the
 * seam of Hibernate ORM's named native queries; here a stand-in source).
 */
class SqlQueryStoreTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NamedSales.class, BuildSteps.class))
            .overrideConfigKey("quarkus.datasource.\"sales\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"sales\".jdbc.url", "jdbc:h2:mem:sql-query;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"reports\".datasource", "sales")
            .overrideConfigKey(
                    "quarkus.remote-store.\"reports\".queries.\"daily/sales.csv\"",
                    "SELECT sale_day, amount FROM sale ORDER BY sale_day")
            .overrideConfigKey(
                    "quarkus.remote-store.\"reports\".queries.\"sales/{year:int}.csv\"",
                    "SELECT sale_day, amount FROM sale WHERE EXTRACT(YEAR FROM sale_day) = :year ORDER BY sale_day")
            .addBuildChainCustomizer(BuildSteps.namedQueries("reports", new NamedSales()));

    /**
     * Stands in for the named native queries of a persistence unit: a public class with a public no-argument
     * constructor, which the recorder rebuilds at run time.
     */
    public static class NamedSales implements Supplier<QuerySource> {
        @Override
        public QuerySource get() {
            return new QuerySource() {
                @Override
                public String name() {
                    return "named";
                }

                @Override
                public Map<String, String> queries() {
                    return Map.of("totals.csv", "SELECT SUM(amount) AS total FROM sale");
                }
            };
        }
    }

    @Inject
    @Identifier("reports")
    Store reports;

    @Inject
    @io.quarkus.agroal.DataSource("sales")
    AgroalDataSource sales;

    @BeforeEach
    void sales() throws SQLException {
        try (Connection c = sales.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS sale (sale_day DATE PRIMARY KEY, amount DECIMAL(10, 2))");
            st.execute("DELETE FROM sale");
            st.execute("INSERT INTO sale VALUES (DATE '2023-12-31', 5.00), (DATE '2024-01-01', 10.50),"
                    + " (DATE '2024-01-02', 20.00)");
        }
    }

    @Test
    void explicitQueryIsServedAsCsv() {
        String csv = text("daily/sales.csv");
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).contains("2024-01-01").contains("10.50");
        assertThat(reports.resolve("daily/sales.csv").details()).containsEntry("source", "explicit");
    }

    @Test
    void placeholderKeyBindsItsValue() {
        String csv = text("sales/2024.csv");
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).doesNotContain("2023-12-31");
    }

    @Test
    void namedQueryFromTheQuerySourceIsServed() {
        assertThat(text("totals.csv")).contains("35.50");
        assertThat(reports.resolve("totals.csv").details()).containsEntry("source", "named");
    }

    @Test
    void strictStoreServesOnlyMappedKeys() {
        Assertions.assertThatThrownBy(() -> reports.readBytes("sale.csv")).isInstanceOf(NotFoundException.class);
    }

    private String text(String key) {
        return new String(reports.readBytes(key), StandardCharsets.UTF_8);
    }
}
