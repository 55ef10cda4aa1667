package dev.remotestore.quarkus.deployment.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code named-queries=false}: the persistence unit's named native queries are no keys, explicit queries still are. */
class HibernateNamedQueriesOffTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Sale.class, Sales.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:named-queries-off;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.remote-store.\"reports\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"reports\".named-queries", "false")
            .overrideConfigKey(
                    "quarkus.remote-store.\"reports\".queries.\"totals.csv\"", "SELECT SUM(amount) AS total FROM sale");

    @Inject
    @Identifier("reports")
    Store reports;

    @Inject
    Sales sales;

    @Test
    void namedNativeQueriesAreNotServed() {
        sales.reset();
        assertThatThrownBy(() -> reports.readBytes("reports/by_year/2024.csv")).isInstanceOf(NotFoundException.class);
        assertThat(new String(reports.readBytes("totals.csv"), StandardCharsets.UTF_8))
                .contains("35.50");
    }
}
