package dev.remotestore.quarkus.deployment.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Hibernate ORM, a {@code sql-query} store serves the named native queries of the persistence unit on its
 * datasource whose names end in a format extension ({@code named-queries} defaults to {@code true}), beside its
 * explicit queries; the name's placeholder is the query's parameter.
 */
class HibernateNamedQueriesTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Sale.class, Sales.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:named-queries;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey(
                    "quarkus.remote-store.\"reports\".queries.\"totals.csv\"", "SELECT SUM(amount) AS total FROM sale");

    @Inject
    @Identifier("reports")
    Store reports;

    @Inject
    Sales sales;

    @BeforeEach
    void sales() {
        sales.reset();
    }

    @Test
    void namedNativeQueryWithAParameterIsServedAsCsv() throws IOException {
        List<CSVRecord> rows = csv("reports/by_year/2024.csv");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("2", "3");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("2024-01-01", "2024-01-02");
        assertThat(rows)
                .extracting(r -> new BigDecimal(r.get(2)))
                .containsExactly(new BigDecimal("10.50"), new BigDecimal("20.00"));
        assertThat(reports.resolve("reports/by_year/2024.csv").details())
                .containsEntry("source", "named")
                .containsEntry("format", "csv");
        assertThat(csv("reports/by_year/2023.csv")).extracting(r -> r.get(0)).containsExactly("1");
    }

    @Test
    void namedNativeQueryIsServedAsParquetThatDuckDbReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("2024.parquet");
        Files.write(file, reports.readBytes("reports/by_year/2024.parquet"));
        List<String> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + file + "') ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getDate(2).toLocalDate() + " " + rs.getBigDecimal(3));
            }
        } catch (SQLException e) {
            throw new AssertionError("DuckDB cannot read the Parquet file", e);
        }
        assertThat(rows).containsExactly("2 2024-01-01 10.50", "3 2024-01-02 20.00");
    }

    @Test
    void explicitQueryIsServedBesideTheNamedOnes() throws IOException {
        assertThat(csv("totals.csv"))
                .extracting(r -> new BigDecimal(r.get(0)))
                .containsExactly(new BigDecimal("35.50"));
        assertThat(reports.resolve("totals.csv").details()).containsEntry("source", "explicit");
    }

    @Test
    void namedQueryWithoutFormatExtensionIsNoKey() {
        assertThatThrownBy(() -> reports.readBytes("Sale.large")).isInstanceOf(NotFoundException.class);
    }

    private List<CSVRecord> csv(String key) throws IOException {
        String text = new String(reports.readBytes(key), StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }
}
