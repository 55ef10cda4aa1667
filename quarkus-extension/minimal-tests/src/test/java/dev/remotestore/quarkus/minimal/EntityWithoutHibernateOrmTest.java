package dev.remotestore.quarkus.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob-table entity asked for in an application without Hibernate ORM fails the build, naming what to add. */
class EntityWithoutHibernateOrmTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.remote-store.type", "memory")
            .overrideConfigKey("quarkus.remote-store.entity.enabled", "true")
            .assertException(thrown -> {
                Throwable t = thrown;
                while (t != null
                        && !t.getClass().getName().equals("io.quarkus.runtime.configuration.ConfigurationException")) {
                    t = t.getCause();
                }
                assertThat(t).as("a ConfigurationException in %s", thrown).isNotNull();
                assertThat(t.getMessage())
                        .contains("quarkus.remote-store.entity.enabled: is true, but the application has no Hibernate"
                                + " ORM: add the Quarkus extension io.quarkus:quarkus-hibernate-orm (the entity"
                                + " dev.remotestore.jpa.StoredObject joins one of its persistence units), or set"
                                + " quarkus.remote-store.entity.enabled=false");
            });

    @Test
    void failsTheBuild() {
        // the assertion is in assertException
    }
}
