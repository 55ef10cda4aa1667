package dev.remotestore.quarkus.runtime.orm;

import dev.remotestore.config.StoreFactory;
import dev.remotestore.jpa.NamedQuerySource;
import dev.remotestore.sql.QuerySource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.inject.Any;
import jakarta.persistence.EntityManagerFactory;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The named native queries of the Hibernate ORM persistence units on one datasource, as the query source of a
 * {@code sql-query} store ({@link NamedQuerySource} per unit). Loaded only where the application has Hibernate ORM.
 * Stateless.
 */
public final class PersistenceUnitQueries {
    private PersistenceUnitQueries() {}

    /**
     * The named queries of every active persistence unit whose datasource is {@code dataSource}, or {@code null} if
     * no unit uses it.
     *
     * @param dataSource a datasource name, {@code <default>} for the default one
     * @throws IllegalArgumentException if two units on the datasource name the same key, or a query name with a
     *     format extension is no valid key (naming the query)
     */
    public static QuerySource onDataSource(String dataSource) {
        Map<String, QuerySource> units = new TreeMap<>();
        for (InstanceHandle<EntityManagerFactory> handle : Arc.container()
                .select(EntityManagerFactory.class, Any.Literal.INSTANCE)
                .handles()) {
            InjectableBean<EntityManagerFactory> bean = handle.getBean();
            Optional<String> unit = unitName(bean.getQualifiers());
            if (unit.isPresent() && bean.isActive() && dataSource.equals(dataSourceOf(unit.get()))) {
                units.put(unit.get(), NamedQuerySource.of(handle.get()));
            }
        }
        if (units.isEmpty()) {
            return null;
        }
        return units.size() == 1 ? units.values().iterator().next() : new Merged(units);
    }

    private static Optional<String> unitName(java.util.Set<Annotation> qualifiers) {
        for (Annotation q : qualifiers) {
            if (q instanceof PersistenceUnit unit) {
                return Optional.of(unit.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The datasource of a persistence unit, as Hibernate ORM's extension reads its configuration: the default unit's
     * {@code quarkus.hibernate-orm.datasource} (else the default datasource), a named unit's
     * {@code quarkus.hibernate-orm."<unit>".datasource} (else none: a named unit names its datasource).
     */
    static String dataSourceOf(String unit) {
        Config config = ConfigProvider.getConfig();
        if (StoreFactory.DEFAULT.equals(unit)) {
            return config.getOptionalValue("quarkus.hibernate-orm.datasource", String.class)
                    .map(String::trim)
                    .orElse(StoreFactory.DEFAULT);
        }
        Optional<String> quoted =
                config.getOptionalValue("quarkus.hibernate-orm.\"" + unit + "\".datasource", String.class);
        Optional<String> plain = unit.indexOf('.') < 0
                ? config.getOptionalValue("quarkus.hibernate-orm." + unit + ".datasource", String.class)
                : Optional.empty();
        return quoted.or(() -> plain).map(String::trim).orElse(null);
    }

    /** The queries of several units on one datasource: a key belongs to one unit. */
    private record Merged(Map<String, QuerySource> units) implements QuerySource {
        @Override
        public String name() {
            return NamedQuerySource.NAME;
        }

        @Override
        public Map<String, String> queries() {
            Map<String, String> all = new LinkedHashMap<>();
            Map<String, String> owner = new LinkedHashMap<>();
            units.forEach((unit, source) -> source.queries().forEach((key, sql) -> {
                String first = owner.putIfAbsent(key, unit);
                if (first != null) {
                    throw new IllegalArgumentException("the named native query \"" + key
                            + "\" is defined by the persistence units " + first + " and " + unit
                            + ", which use the same datasource; a key is served once: rename one of them");
                }
                all.put(key, sql);
            }));
            return all;
        }
    }
}
