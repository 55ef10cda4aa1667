package dev.remotestore.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.composite.CompositeStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a 4xx answer with a JSON body that names the input and the rule, and leaves the store and the
 * documents as they were (the store is listed after each).
 */
@QuarkusTest
@WithTestResource(value = SampleTestEnvironment.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {
    /** %test.sample.max-upload-size */
    static final int LIMIT = 1024 * 1024;

    @Inject
    CompositeStore store;

    @TestHTTPResource("/")
    URL base;

    /** Every key of every tier, and every document id. */
    List<String> everything() {
        try (Stream<FileInfo> hot = store.tier("hot").listFiles("", ListOption.RECURSIVE);
                Stream<FileInfo> warm = store.tier("warm").listFiles("", ListOption.RECURSIVE)) {
            List<String> ids = given().get("/api/documents").then().extract().path("id");
            return Stream.of(
                            hot.map(f -> "hot:" + f.path()),
                            warm.map(f -> "warm:" + f.path()),
                            ids.stream().map(id -> "document:" + id))
                    .flatMap(s -> s)
                    .sorted()
                    .toList();
        }
    }

    static ValidatableResponse error(ValidatableResponse r, int status, String message) {
        return r.statusCode(status)
                .contentType("application/json")
                .body("status", equalTo(status))
                .body("message", containsString(message));
    }

    @Test
    @DisplayName("an upload over the limit is 413 whether Content-Length announces it or the streamed body exceeds it;"
            + " nothing is stored")
    void overTheLimit() throws Exception {
        List<String> before = everything();
        error(
                given().queryParam("filename", "big.bin")
                        .contentType("application/octet-stream")
                        .body(new byte[LIMIT + 1])
                        .post("/api/documents")
                        .then(),
                413,
                "the upload of \"big.bin\" has " + (LIMIT + 1) + " bytes, over the limit of " + LIMIT);
        assertThat(everything()).isEqualTo(before);

        // no Content-Length: chunked, counted while it streams into the store
        HttpRequest chunked = HttpRequest.newBuilder(base.toURI().resolve("api/documents?filename=big.bin"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream(new byte[LIMIT]), new ByteArrayInputStream(new byte[100]))))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body())
                .contains(
                        "\"status\":413",
                        "the upload exceeds the limit of " + LIMIT + " bytes (sample.max-upload-size)");
        assertThat(everything()).isEqualTo(before);

        // exactly the limit is fine
        given().queryParam("filename", "limit.bin")
                .body(new byte[LIMIT])
                .post("/api/documents")
                .then()
                .statusCode(201);
    }

    @Test
    @DisplayName("an empty upload is 400, announced or streamed; the row the store wrote is rolled back")
    void emptyUpload() throws Exception {
        List<String> before = everything();
        error(
                given().queryParam("filename", "empty.txt")
                        .body(new byte[0])
                        .post("/api/documents")
                        .then(),
                400,
                "the upload of \"empty.txt\" is empty: nothing was stored");
        HttpRequest chunked = HttpRequest.newBuilder(base.toURI().resolve("api/documents?filename=empty.txt"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[0])))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("is empty: nothing was stored");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    @DisplayName("file names, titles and content types that break the rules are 400, naming the rule")
    void uploadMetadata() {
        List<String> before = everything();
        error(given().body("x").post("/api/documents").then(), 400, "filename is missing");
        error(
                given().queryParam("filename", "../etc/passwd")
                        .body("x")
                        .post("/api/documents")
                        .then(),
                400,
                "filename \"../etc/passwd\" is no plain file name");
        error(
                given().urlEncodingEnabled(false)
                        .body("x")
                        .post("/api/documents?filename=a%00b.txt")
                        .then(),
                400,
                "filename \"a\\u0000b.txt\" is no plain file name");
        error(
                given().queryParam("filename", "x".repeat(256))
                        .body("x")
                        .post("/api/documents")
                        .then(),
                400,
                "filename has 256 characters; at most 255");
        error(
                given().queryParam("filename", "a.txt")
                        .queryParam("title", "t".repeat(201))
                        .body("x")
                        .post("/api/documents")
                        .then(),
                400,
                "at most 200 characters");
        error(
                given().queryParam("filename", "a.txt")
                        .contentType("text/" + "x".repeat(260))
                        .body("x")
                        .post("/api/documents")
                        .then(),
                400,
                "characters; at most 255");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    @DisplayName("unknown document ids are 404 on every endpoint; an unknown tier is 400; a bad duration is 400")
    void unknownIds() {
        String missing = "00000000-0000-0000-0000-000000000000";
        for (String path : List.of("", "/content", "/plan")) {
            error(given().get("/api/documents/" + missing + path).then(), 404, "no document has the id");
        }
        error(given().post("/api/documents/" + missing + "/migrate?to=warm").then(), 404, "no document has the id");
        error(given().delete("/api/documents/" + missing).then(), 404, "no document has the id");
        error(
                given().urlEncodingEnabled(false)
                        .get("/api/documents/..%2F..%2Fetc%2Fpasswd/content")
                        .then(),
                404,
                "no document has the id \"../../etc/passwd\"");

        String id = DocumentApiTest.upload("t", "t.txt", "text/plain", "x".getBytes());
        List<String> before = everything();
        error(given().post("/api/documents/" + id + "/migrate?to=cold").then(), 400, "tier \"cold\" is unknown");
        error(given().post("/api/lifecycle?olderThan=yesterday").then(), 400, "olderThan \"yesterday\" is no ISO-8601");
        error(given().post("/api/lifecycle?olderThan=-PT1H").then(), 400, "is negative");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    @DisplayName("export keys: unknown is 404; '..', encoded slashes and NUL reach the store only to be refused (400);"
            + " dot segments in the URL itself are resolved by HTTP before routing")
    void exportKeys() throws Exception {
        error(given().get("/exports/nope.parquet").then(), 404, "no query is mapped to this key");
        error(
                given().urlEncodingEnabled(false)
                        .get("/exports/..%2F..%2Fapi%2Fdocuments")
                        .then(),
                400,
                "'..' segments are not allowed (PATH-005)");
        error(
                given().urlEncodingEnabled(false).get("/exports/x%00.csv").then(),
                400,
                "must not contain a NUL character (PATH-006)");
        error(
                given().urlEncodingEnabled(false)
                        .get("/exports/reports%2F%2Fx.csv")
                        .then(),
                404,
                "\"reports/x.csv\": no query is mapped");
        // "/exports/../api/documents" is "/api/documents" (RFC 3986 §5.2.4), as in a browser: it never names a key
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "exports/../api/documents"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("[");
    }
}
