package dev.remotestore.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.remotestore.composite.CompositeStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SampleTestEnvironment.class, scope = TestResourceScope.GLOBAL)
class DocumentApiTest {
    @Inject
    CompositeStore store;

    @TestHTTPResource("/")
    URL base;

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Sends the type as given: RestAssured would append "; charset=ISO-8859-1" to a type without one. */
    static final RestAssuredConfig AS_GIVEN = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    static String upload(String title, String fileName, String type, byte[] bytes) {
        return given().config(AS_GIVEN)
                .queryParam("title", title)
                .queryParam("filename", fileName)
                .contentType(type)
                .body(bytes)
                .when()
                .post("/api/documents")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/documents/"))
                .body("tier", equalTo("hot"))
                .body("size", equalTo(bytes.length))
                .extract()
                .path("id");
    }

    @Test
    @DisplayName("an upload is stored in the hot tier with its type and size, listed, and downloaded byte for byte")
    void uploadListDownload() {
        byte[] bytes = randomBytes(300_000, 1);
        String id = upload("Quarterly report", "report q3.pdf", "application/pdf", bytes);

        given().get("/api/documents")
                .then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.tier", equalTo("hot"))
                .body("find { it.id == '" + id + "' }.title", equalTo("Quarterly report"))
                .body("find { it.id == '" + id + "' }.key", equalTo("documents/" + id));

        Response r = given().get("/api/documents/" + id + "/content");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pdf");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"report q3.pdf\"; filename*=UTF-8''report%20q3.pdf");
        assertThat(r.asByteArray()).isEqualTo(bytes);
        assertThat(store.tier("hot").readBytes("documents/" + id)).isEqualTo(bytes);
        assertThat(store.tier("hot").getFileInfo("documents/" + id).contentType())
                .contains("application/pdf");
    }

    @Test
    @DisplayName("Range requests are served from the store's ranged read: first-last, first-, -suffix; past the end"
            + " is 416")
    void ranges() {
        byte[] bytes = randomBytes(10_000, 2);
        String id = upload("ranges", "r.bin", "application/octet-stream", bytes);
        String url = "/api/documents/" + id + "/content";

        Response part = given().header("Range", "bytes=100-199").get(url);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        assertThat(part.header("Content-Length")).isEqualTo("100");
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));

        Response open = given().header("Range", "bytes=9990-").get(url);
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 9990, 10_000));

        Response suffix = given().header("Range", "bytes=-10").get(url);
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes 9990-9999/10000");
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 9990, 10_000));

        Response cut = given().header("Range", "bytes=9000-20000").get(url);
        assertThat(cut.header("Content-Range")).isEqualTo("bytes 9000-9999/10000");
        assertThat(cut.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 9000, 10_000));

        given().header("Range", "bytes=10000-")
                .get(url)
                .then()
                .statusCode(416)
                .body("status", equalTo(416))
                .body("message", startsWith("Range \"bytes=10000-\" lies past the end"));

        // several ranges, or another unit: the whole content, as RFC 9110 allows
        assertThat(given().header("Range", "bytes=0-1,5-6").get(url).asByteArray())
                .isEqualTo(bytes);
        assertThat(given().header("Range", "items=0-1").get(url).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the plan names the tier that holds the content; migrating moves it to warm and back, reads follow")
    void planAndMigrate() {
        byte[] bytes = randomBytes(50_000, 3);
        String id = upload("to migrate", "m.bin", "application/octet-stream", bytes);
        String key = "documents/" + id;

        given().get("/api/documents/" + id + "/plan")
                .then()
                .statusCode(200)
                .body("kind", equalTo("composite"))
                .body("key", equalTo(key))
                .body("details.resolvedTier", equalTo("hot"))
                .body("details.found", equalTo(true))
                .body("details.plan.kind", equalTo("sql_blob"));

        given().post("/api/documents/" + id + "/migrate?to=warm")
                .then()
                .statusCode(200)
                .body("tier", equalTo("warm"));
        assertThat(store.tier("hot").exists(key)).isFalse();
        assertThat(store.tier("warm").readBytes(key)).isEqualTo(bytes);
        given().get("/api/documents/" + id + "/plan")
                .then()
                .body("details.resolvedTier", equalTo("warm"))
                .body("details.tried", equalTo(List.of("hot", "warm")))
                .body("details.plan.kind", equalTo("blob"));
        assertThat(given().get("/api/documents/" + id + "/content").asByteArray())
                .isEqualTo(bytes);
        Response range = given().header("Range", "bytes=5-9").get("/api/documents/" + id + "/content");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 5, 10));
        // the warm tier keeps no content type: the document's row does
        assertThat(given().get("/api/documents/" + id + "/content").contentType())
                .isEqualTo("application/octet-stream");

        given().post("/api/documents/" + id + "/migrate?to=warm")
                .then()
                .statusCode(409)
                .body("message", equalTo("document \"" + id + "\" is in the warm tier already"));
        given().post("/api/documents/" + id + "/migrate?to=hot")
                .then()
                .statusCode(200)
                .body("tier", equalTo("hot"));
        assertThat(store.tier("warm").exists(key)).isFalse();
        assertThat(store.tier("hot").readBytes(key)).isEqualTo(bytes);
    }

    @Test
    @DisplayName("the lifecycle job moves hot content older than the age to warm and leaves newer content hot")
    void lifecycle() {
        String id = upload("old enough", "a.txt", "text/plain", "lifecycle".getBytes());

        List<String> none = given().post("/api/lifecycle?olderThan=P1D")
                .then()
                .statusCode(200)
                .extract()
                .path("moved");
        assertThat(none).doesNotContain(id);
        assertThat(given().get("/api/documents/" + id).path("tier").toString()).isEqualTo("hot");

        List<String> moved = given().post("/api/lifecycle?olderThan=PT0S")
                .then()
                .statusCode(200)
                .extract()
                .path("moved");
        assertThat(moved).contains(id);
        given().get("/api/documents/" + id).then().body("tier", equalTo("warm"));
        assertThat(given().get("/api/documents/" + id + "/content").asString()).isEqualTo("lifecycle");
    }

    @Test
    @DisplayName("deleting a document deletes its content from the tier that held it, after the commit")
    void delete() {
        String hot = upload("hot one", "h.txt", "text/plain", "hot".getBytes());
        String warm = upload("warm one", "w.txt", "text/plain", "warm".getBytes());
        given().post("/api/documents/" + warm + "/migrate?to=warm").then().statusCode(200);

        given().delete("/api/documents/" + hot).then().statusCode(204);
        given().delete("/api/documents/" + warm).then().statusCode(204);

        assertThat(store.exists("documents/" + hot)).isFalse();
        assertThat(store.tier("warm").exists("documents/" + warm)).isFalse();
        given().get("/api/documents/" + hot)
                .then()
                .statusCode(404)
                .body("message", equalTo("no document has the id \"" + hot + "\""));
        given().get("/api/documents").then().body("id", org.hamcrest.Matchers.not(hasItem(warm)));
    }

    @Test
    @DisplayName("an upload without Content-Type is application/octet-stream; the title defaults to the file name")
    void defaults() throws Exception {
        HttpRequest untyped = HttpRequest.newBuilder(base.toURI().resolve("api/documents?filename=data.bin"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(untyped, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        String id = io.restassured.path.json.JsonPath.from(r.body()).getString("id");
        given().get("/api/documents/" + id)
                .then()
                .body("title", equalTo("data.bin"))
                .body("fileName", equalTo("data.bin"))
                .body("contentType", equalTo("application/octet-stream"));
    }
}
