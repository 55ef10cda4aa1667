package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.sql.SqlQueryBackend;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JPA named native queries as keys of a query store, read back by independent readers. */
@DatabaseTest
class NamedQuerySourceTest {
    private static final String RUN = "r" + UUID.randomUUID().toString().replace("-", "");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName(
            "a @NamedNativeQuery with parameters is served as CSV and Parquet, read back by Commons CSV and DuckDB")
    void namedNativeQueriesServedAsFiles(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        Jpa.execute(ds, Sale.DDL);
        try (EntityManagerFactory emf =
                Jpa.unit(db, ds).classes(Sale.class).action("none").build()) {
            Jpa.inTransaction(emf, em -> {
                em.persist(new Sale(RUN + "-1", RUN, "north", 2025, "10.50"));
                em.persist(new Sale(RUN + "-2", RUN, "south", 2025, "7.25"));
                em.persist(new Sale(RUN + "-3", RUN, "north", 2026, "100.00"));
                em.persist(new Sale(RUN + "-4", RUN, "north", 2025, "0.25"));
            });
            try (Store reports = Store.of(SqlQueryBackend.builder()
                    .dataSource(ds)
                    .querySource(NamedQuerySource.of(emf))
                    .build())) {
                String csvKey = "runs/" + RUN + "/sales/2025.csv";
                ResolutionPlan plan = reports.resolve(csvKey);
                assertThat(plan.kind()).isEqualTo("sql_query");
                assertThat(plan.details())
                        .containsEntry("source", "named")
                        .containsEntry("format", "csv")
                        .containsEntry("parameters", Map.of("run", RUN, "year", 2025L));

                List<Map<String, String>> csv = csv(reports.readBytes(csvKey));
                assertThat(csv)
                        .extracting(r -> r.get("id") + " " + r.get("region") + " " + decimal(r.get("amount")))
                        .containsExactly(RUN + "-1 north 10.5", RUN + "-2 south 7.25", RUN + "-4 north 0.25");
                assertThat(csv(reports.readBytes("runs/" + RUN + "/sales/2026.csv")))
                        .extracting(r -> r.get("id"))
                        .containsExactly(RUN + "-3");

                List<String> parquet = duckdb(reports.readBytes("runs/" + RUN + "/daily_sales.parquet"));
                assertThat(parquet).containsExactly("north 110.75 3", "south 7.25 1");
                assertThat(reports.resolve("runs/" + RUN + "/daily_sales.parquet")
                                .details())
                        .containsEntry("source", "named");
            }
        } finally {
            Jpa.execute(ds, "DELETE FROM rs_jpa_sales WHERE run_id = '" + RUN + "'");
        }
    }

    @Test
    @DisplayName("names without a format extension are other queries of the application, and are ignored")
    void namesWithoutAFormatAreIgnored() throws Exception {
        try (EntityManagerFactory emf = h2Unit(Sale.class)) {
            NamedQuerySource source = NamedQuerySource.of(emf);
            assertThat(source.name()).isEqualTo("named");
            assertThat(source.queries())
                    .containsOnlyKeys("runs/{run}/daily_sales.parquet", "runs/{run}/sales/{year:int}.csv");
            assertThat(source.definitions()).containsKey("Sale.byRegion");
            assertThat(NamedQuerySource.of(emf, Set.of("parquet")).queries())
                    .containsOnlyKeys("runs/{run}/daily_sales.parquet");
        }
    }

    @Test
    @DisplayName("a name with a format extension that is no valid key fails the build, naming the query")
    void malformedNameFailsTheBuild() throws Exception {
        DataSource ds = TestDatabase.H2.dataSource();
        try (EntityManagerFactory emf = h2Unit(MalformedQuery.class)) {
            assertThatThrownBy(() -> SqlQueryBackend.builder()
                            .dataSource(ds)
                            .querySource(NamedQuerySource.of(emf))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JPA named native query \"reports//daily.csv\"")
                    .hasMessageContaining("not in normal form");
        }
    }

    @Test
    @DisplayName("a placeholder the query does not use (or the reverse) fails the build, naming the query")
    void placeholderWithoutParameterFailsTheBuild() throws Exception {
        try (EntityManagerFactory emf = h2Unit(Sale.class);
                EntityManager em = emf.createEntityManager()) {
            emf.addNamedQuery("sales/{year:int}/{region}.csv", em.createNativeQuery("SELECT 1 WHERE 1 = :year"));
            assertThatThrownBy(() -> NamedQuerySource.of(emf).queries())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JPA named native query \"sales/{year:int}/{region}.csv\"")
                    .hasMessageContaining("{region}");
        }
    }

    @Test
    @DisplayName("with Hibernate, named native queries added at run time count; the annotations give the same SQL")
    void hibernateRepositoryAndAnnotationsAgree() throws Exception {
        try (EntityManagerFactory emf = h2Unit(Sale.class);
                EntityManager em = emf.createEntityManager()) {
            Map<String, String> annotated = NamedQuerySource.annotated(emf);
            assertThat(annotated)
                    .containsOnlyKeys(
                            "runs/{run}/daily_sales.parquet", "runs/{run}/sales/{year:int}.csv", "Sale.byRegion");
            assertThat(NamedQuerySource.of(emf).definitions()).containsAllEntriesOf(annotated);
            emf.addNamedQuery("extra/added.csv", em.createNativeQuery("SELECT 2 AS two"));
            assertThat(NamedQuerySource.of(emf).queries()).containsEntry("extra/added.csv", "SELECT 2 AS two");
        }
    }

    @Test
    @DisplayName("formats are lower-case extensions without the dot")
    void formatsAreChecked() throws Exception {
        try (EntityManagerFactory emf = h2Unit(Sale.class)) {
            assertThatThrownBy(() -> NamedQuerySource.of(emf, Set.of(".CSV")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\".CSV\"");
        }
    }

    private static EntityManagerFactory h2Unit(Class<?> entity) {
        return Jpa.unit(TestDatabase.H2, TestDatabase.H2.dataSource())
                .classes(entity)
                .action("none")
                .build();
    }

    /** CSV rows by lower-case column name (H2 reports unquoted labels in upper case). */
    private static List<Map<String, String>> csv(byte[] bytes) throws Exception {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
            for (CSVRecord record : parser) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                record.toMap().forEach((k, v) -> row.put(k.toLowerCase(java.util.Locale.ROOT), v));
                rows.add(row);
            }
        }
        return rows;
    }

    private static String decimal(String text) {
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    /** Rows of a Parquet file as DuckDB reads them: "region total sales". */
    private static List<String> duckdb(byte[] parquet) throws Exception {
        Path file = Files.createTempFile("named-", ".parquet");
        try {
            Files.write(file, parquet);
            List<String> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT region, CAST(total AS DECIMAL(18,2)), CAST(sales AS BIGINT)"
                            + " FROM read_parquet('" + file.toString().replace("'", "''") + "') ORDER BY region")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " "
                            + rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + " " + rs.getLong(3));
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
