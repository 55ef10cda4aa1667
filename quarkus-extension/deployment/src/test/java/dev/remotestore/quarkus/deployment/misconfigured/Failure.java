package dev.remotestore.quarkus.deployment.misconfigured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

/** Checks of the exception a misconfigured application fails with, at build or at startup. */
final class Failure {
    private Failure() {}

    /**
     * The failure is (or is caused by) an exception of the class named {@code type} whose message has
     * {@code lines}, each naming a property and the rule it breaks.
     */
    static Consumer<Throwable> with(String type, String... lines) {
        return thrown -> {
            Throwable found = null;
            for (Throwable t = thrown; t != null && found == null; t = t.getCause()) {
                if (t.getClass().getName().equals(type)) {
                    found = t;
                }
            }
            assertThat(found).as("%s in the causes of %s", type, thrown).isNotNull();
            for (String line : lines) {
                assertThat(found.getMessage()).contains(line);
            }
        };
    }

    /** The configuration factory's exception (at startup). */
    static final String STORE_CONFIGURATION = "dev.remotestore.config.StoreConfigurationException";

    /** Quarkus' configuration exception (at build). */
    static final String CONFIGURATION = "io.quarkus.runtime.configuration.ConfigurationException";
}
