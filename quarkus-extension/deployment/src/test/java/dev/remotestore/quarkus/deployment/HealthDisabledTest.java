package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.remote-store.health.enabled=false}: SmallRye Health is there, the stores' check is not. */
class HealthDisabledTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "memory")
            .overrideConfigKey("quarkus.remote-store.health.enabled", "false");

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    Store store;

    @Test
    void noRemoteStoreCheck() {
        assertThat(store.exists("x")).isFalse(); // the store works
        assertThat(health.getReadiness().getPayload().getJsonArray("checks").stream()
                        .map(c -> ((JsonObject) c).getString("name")))
                .doesNotContain("remote-store");
    }
}
