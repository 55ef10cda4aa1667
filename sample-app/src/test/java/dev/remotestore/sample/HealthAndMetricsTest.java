package dev.remotestore.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SampleTestEnvironment.class, scope = TestResourceScope.GLOBAL)
class HealthAndMetricsTest {
    @Test
    @DisplayName("readiness has the extension's check, one entry per store and tier, all up")
    void health() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'remote-store' }.data.'<default>/hot'", equalTo("UP"))
                .body("checks.find { it.name == 'remote-store' }.data.'<default>/warm'", equalTo("UP"))
                .body("checks.find { it.name == 'remote-store' }.data.exports", equalTo("UP"));
    }

    @Test
    @DisplayName("the store's operations are Prometheus meters, tagged with the tier that served them")
    void metrics() {
        DocumentApiTest.upload("metered", "m.txt", "text/plain", "m".getBytes());
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("remote_store_operations_seconds_count{"))
                .body(containsString("tier=\"hot\""));
    }
}
