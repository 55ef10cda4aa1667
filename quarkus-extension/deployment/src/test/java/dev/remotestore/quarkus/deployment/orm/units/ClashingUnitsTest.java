package dev.remotestore.quarkus.deployment.orm.units;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.quarkus.deployment.orm.units.clash.Parcel;
import dev.remotestore.quarkus.deployment.orm.units.orders.Order;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two persistence units on the store's datasource that name the same key fail the start, naming both units. */
class ClashingUnitsTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Parcel.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:clash;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.packages", Order.class.getPackageName())
            .overrideConfigKey("quarkus.hibernate-orm.\"parcels\".datasource", "<default>")
            .overrideConfigKey("quarkus.hibernate-orm.\"parcels\".packages", Parcel.class.getPackageName())
            .overrideConfigKey("quarkus.remote-store.type", "sql-query")
            .assertException(t -> {
                Throwable cause = t;
                while (cause != null
                        && !cause.getClass().getName().equals("dev.remotestore.config.StoreConfigurationException")) {
                    cause = cause.getCause();
                }
                assertThat(cause).as("a StoreConfigurationException in %s", t).isNotNull();
                assertThat(cause.getMessage())
                        .contains("quarkus.remote-store.named-queries: ")
                        .contains("the named native query \"orders/all.csv\" is defined by the persistence units"
                                + " <default> and parcels, which use the same datasource");
            });

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}
