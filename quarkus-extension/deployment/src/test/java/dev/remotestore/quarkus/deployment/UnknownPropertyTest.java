package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A property name that no store type knows is reported as Quarkus reports every unknown key of an extension: a
 * warning at startup naming it.
 */
class UnknownPropertyTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"hot\".type", "memory")
            .overrideConfigKey("quarkus.remote-store.\"hot\".max-blobsize", "1M")
            .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records)
                    .extracting(r -> String.valueOf(r.getParameters() == null ? r.getMessage() : r.getParameters()[0]))
                    .anyMatch(m -> m.contains("quarkus.remote-store.\"hot\".max-blobsize")));

    @Inject
    Store store;

    @Test
    void startsWithAWarning() {
        assertThat(store.exists("x")).isFalse();
    }
}
