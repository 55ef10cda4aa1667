package dev.remotestore.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Document's named native queries, served as files and read back by independent readers. */
@QuarkusTest
@WithTestResource(value = SampleTestEnvironment.class, scope = TestResourceScope.GLOBAL)
class ExportTest {
    @Test
    @DisplayName("/exports lists the named native queries whose names are file keys, with format and content type")
    void listed() {
        given().get("/exports")
                .then()
                .statusCode(200)
                .body(
                        "key",
                        hasItems(
                                "documents_per_month.parquet",
                                "documents_per_month.csv",
                                "documents_per_month.arrow",
                                "largest_documents.parquet",
                                "largest_documents.csv",
                                "largest_documents.arrow"))
                .body("format", hasItems("parquet", "csv", "arrow"))
                .body("url", hasItems("/exports/largest_documents.csv"));
    }

    @Test
    @DisplayName("the CSV export runs its query when read: a new upload is in it, parsed by Commons CSV")
    void csv() throws Exception {
        String title = "csv-" + System.nanoTime();
        DocumentApiTest.upload(title, "c.bin", "application/octet-stream", new byte[4321]);

        Response r = given().get("/exports/largest_documents.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"largest_documents.csv\"");
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(r.asString()))
                .getRecords();
        CSVRecord row = rows.stream()
                .filter(x -> x.get(1).equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError(title + " is not in " + rows));
        assertThat(row.get(4)).isEqualTo("4321");
        assertThat(row.get(2)).isEqualTo("c.bin");
    }

    @Test
    @DisplayName("the Parquet export is read by DuckDB: this month's row counts the uploads of this month")
    void parquet(@TempDir Path dir) throws Exception {
        DocumentApiTest.upload("pq", "p.bin", "application/octet-stream", new byte[1000]);
        Response r = given().get("/exports/documents_per_month.parquet");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/vnd.apache.parquet");
        Path file = dir.resolve("per_month.parquet");
        Files.write(file, r.asByteArray());

        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        int documents = given().get("/api/documents").then().extract().path("size()");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            long counted = 0;
            boolean thisMonth = false;
            while (rs.next()) {
                counted += rs.getLong(3);
                if (rs.getInt(1) == now.getYear() && rs.getInt(2) == now.getMonthValue()) {
                    thisMonth = rs.getLong(3) >= 1 && rs.getLong(4) >= 1000;
                }
            }
            assertThat(counted).isEqualTo(documents);
            assertThat(thisMonth).isTrue();
        }
    }

    @Test
    @DisplayName("the Arrow export is an Arrow IPC file (ARROW1 at both ends)")
    void arrow() {
        byte[] bytes = given().get("/exports/largest_documents.arrow").asByteArray();
        byte[] magic = "ARROW1".getBytes(StandardCharsets.US_ASCII);
        assertThat(Arrays.copyOfRange(bytes, 0, 6)).isEqualTo(magic);
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 6, bytes.length)).isEqualTo(magic);
    }
}
