package dev.remotestore.quarkus.runtime;

import dev.remotestore.config.StoreFactory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Default;
import java.lang.annotation.Annotation;
import javax.sql.DataSource;

/** Looks up the application's Agroal datasources; loaded only when the application has Agroal. */
final class AgroalDataSources {
    private AgroalDataSources() {}

    /** The datasource {@code name} ({@code <default>} for the default one): its client proxy, nothing connected. */
    static DataSource lookup(String name) {
        Annotation qualifier = StoreFactory.DEFAULT.equals(name)
                ? Default.Literal.INSTANCE
                : new io.quarkus.agroal.DataSource.DataSourceLiteral(name);
        return Arc.container().select(AgroalDataSource.class, qualifier).get();
    }
}
