package dev.remotestore.quarkus.deployment.orm.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.quarkus.deployment.orm.units.orders.Order;
import dev.remotestore.quarkus.deployment.orm.units.refunds.Refund;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Named persistence units find their datasource in {@code quarkus.hibernate-orm."<unit>".datasource} (quoted or not):
 * a {@code sql-query} store serves the named queries of both units on its datasource, and none of a unit on another
 * one.
 */
class PersistenceUnitsOnOneDataSourceTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Refund.class))
            .overrideConfigKey("quarkus.datasource.\"shop\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"shop\".jdbc.url", "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.\"other\".db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.\"other\".jdbc.url", "jdbc:h2:mem:other;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.\"orders\".datasource", "shop")
            .overrideConfigKey("quarkus.hibernate-orm.\"orders\".packages", Order.class.getPackageName())
            .overrideConfigKey("quarkus.hibernate-orm.\"orders\".schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.hibernate-orm.refunds.datasource", "shop")
            .overrideConfigKey("quarkus.hibernate-orm.refunds.packages", Refund.class.getPackageName())
            .overrideConfigKey("quarkus.hibernate-orm.refunds.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.remote-store.\"shop\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"shop\".datasource", "shop")
            .overrideConfigKey("quarkus.remote-store.\"other\".type", "sql-query")
            .overrideConfigKey("quarkus.remote-store.\"other\".datasource", "other");

    @Inject
    @Identifier("shop")
    Store shop;

    @Inject
    @Identifier("other")
    Store other;

    @Test
    void theStoreServesTheQueriesOfEveryUnitOnItsDatasource() {
        assertThat(shop.readBytes("orders/all.csv")).isNotEmpty();
        assertThat(shop.readBytes("refunds/all.csv")).isNotEmpty();
        assertThat(shop.resolve("refunds/all.csv").details()).containsEntry("source", "named");
    }

    @Test
    void aStoreOnAnotherDatasourceServesNoneOfThem() {
        assertThatThrownBy(() -> other.readBytes("orders/all.csv")).isInstanceOf(NotFoundException.class);
    }
}
