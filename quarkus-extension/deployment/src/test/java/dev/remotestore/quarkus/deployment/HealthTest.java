package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With SmallRye Health, readiness has a check {@code remote-store} with one entry per store, a composite's tiers
 * under {@code composite/tier}: a store whose database does not answer, or whose root directory is gone, is down, and
 * so is the composite it is a tier of.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HealthTest {
    static final Path FILES = Path.of("target/quarkus-tests/health/files");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Shared.class))
            .setBeforeAllCustomizer(() -> Shared.deleteTree(FILES))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:health;DB_CLOSE_DELAY=-1")
            // a datasource whose server is not there (nothing listens on port 1)
            .overrideConfigKey("quarkus.datasource.\"down\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"down\".jdbc.url", "jdbc:h2:tcp://127.0.0.1:1/nothing")
            .overrideConfigKey("quarkus.datasource.\"down\".jdbc.acquisition-timeout", "1S")
            .overrideConfigKey("quarkus.remote-store.type", "composite")
            .overrideConfigKey("quarkus.remote-store.tiers", "db,files")
            .overrideConfigKey("quarkus.remote-store.\"db\".type", "sql-blob")
            .overrideConfigKey("quarkus.remote-store.\"files\".type", "local")
            .overrideConfigKey("quarkus.remote-store.\"files\".root", FILES.toString())
            .overrideConfigKey("quarkus.remote-store.\"scratch\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"reports\".datasource", "down")
            .overrideConfigKey("quarkus.remote-store.\"reports\".queries.\"a.csv\"", "SELECT 1 AS one");

    @Inject
    SmallRyeHealthReporter health;

    @Test
    @Order(1)
    void everyStoreHasAnEntryAndAnUnreachableDatabaseIsDown() {
        JsonObject check = remoteStoreCheck();
        Map<String, String> data = data(check);
        assertThat(data.keySet()).containsExactly("<default>", "<default>/db", "<default>/files", "reports", "scratch");
        assertThat(data)
                .containsEntry("<default>", "UP")
                .containsEntry("<default>/db", "UP")
                .containsEntry("<default>/files", "UP")
                .containsEntry("scratch", "UP");
        assertThat(data.get("reports")).startsWith("DOWN: cannot connect to the database: ");
        assertThat(check.getString("status")).isEqualTo("DOWN");
    }

    @Test
    @Order(2)
    void aTierWhoseRootIsGoneTakesItsCompositeDown() {
        Shared.deleteTree(FILES);
        Map<String, String> data = data(remoteStoreCheck());
        assertThat(data.get("<default>/files"))
                .startsWith("DOWN: the root directory ")
                .endsWith(" is missing");
        assertThat(data).containsEntry("<default>/db", "UP").containsEntry("<default>", "DOWN: tiers down: files");
    }

    private JsonObject remoteStoreCheck() {
        SmallRyeHealth readiness = health.getReadiness();
        return readiness.getPayload().getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("remote-store"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no remote-store check in " + readiness.getPayload()));
    }

    private static Map<String, String> data(JsonObject check) {
        Map<String, String> data = new TreeMap<>();
        check.getJsonObject("data").forEach((k, v) -> data.put(k, ((jakarta.json.JsonString) v).getString()));
        return data;
    }
}
