package dev.remotestore.jpa;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.sql.QuerySource;
import dev.remotestore.sql.SqlQueryBackend;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.metamodel.ManagedType;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The named native queries of an {@link EntityManagerFactory} as mappings of a {@link SqlQueryBackend}: a query
 * whose name is a key with a format extension becomes that key, served as that format.
 *
 * <pre>{@code
 * @Entity
 * @NamedNativeQuery(name = "reports/daily_sales.parquet",
 *         query = "SELECT day, sum(amount) AS total FROM sale GROUP BY day ORDER BY day")
 * @NamedNativeQuery(name = "sales/{year:int}.csv",
 *         query = "SELECT * FROM sale WHERE year = :year ORDER BY id")
 * public class Sale { ... }
 *
 * Store reports = Store.of(SqlQueryBackend.builder()
 *         .dataSource(dataSource)                          // the persistence unit's database
 *         .querySource(NamedQuerySource.of(emf))
 *         .build());
 * byte[] csv = reports.readBytes("sales/2025.csv");       // resolve(...).details(): source=named
 * }</pre>
 *
 * <p>The name is the key, placeholders included ({@code {year:int}}); the query names each placeholder as a
 * parameter ({@code :year}), bound as a JDBC parameter, never pasted into the SQL
 * ({@code docs/sql-query-backend.md}). Names whose last segment ends in none of the {@linkplain #formats()
 * formats} ({@code Document.findByTitle}) are other queries of the application and are ignored. A name that has
 * a format extension but is no valid key (not in normal form, a {@code ..}, an unknown placeholder type, a
 * placeholder the query does not use or the reverse) fails the backend's {@code build()} with an
 * {@link IllegalArgumentException} naming the query.
 *
 * <p>Definitions are read from the factory on every {@link #queries()} call (the backend reads them once, at
 * {@code build()}). With Hibernate ORM they come from its named-object repository, so queries of {@code orm.xml}
 * and of {@code Hibernate}'s own annotation count too; with another provider, from the
 * {@code @NamedNativeQuery}/{@code @NamedNativeQueries} annotations of the metamodel's managed types. Immutable
 * and thread-safe.
 */
public final class NamedQuerySource implements QuerySource {
    /** What {@code resolve(key)} reports as the {@code source} of these keys. */
    public static final String NAME = "named";

    /** The extensions the query backend serves out of the box: parquet, csv, arrow, arrows, jsonl. */
    public static final Set<String> DEFAULT_FORMATS = Set.of("parquet", "csv", "arrow", "arrows", "jsonl");

    /** Backs the validation builder, which never connects. */
    private static final DataSource UNCONNECTED = (DataSource) Proxy.newProxyInstance(
            NamedQuerySource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("toString")) {
                    return "unconnected";
                }
                throw new UnsupportedOperationException("validation only");
            });

    private final EntityManagerFactory emf;
    private final Set<String> formats;

    private NamedQuerySource(EntityManagerFactory emf, Set<String> formats) {
        this.emf = emf;
        this.formats = formats;
    }

    /** The named native queries of {@code emf} whose names end in one of {@link #DEFAULT_FORMATS}. */
    public static NamedQuerySource of(EntityManagerFactory emf) {
        return new NamedQuerySource(Objects.requireNonNull(emf, "emf"), DEFAULT_FORMATS);
    }

    /**
     * The named native queries of {@code emf} whose names end in one of {@code formats} (extensions without the
     * dot; add your own serializers' formats to the defaults here).
     *
     * @throws IllegalArgumentException if a format is not lower-case letters and digits
     */
    public static NamedQuerySource of(EntityManagerFactory emf, Set<String> formats) {
        Set<String> copy = new LinkedHashSet<>();
        for (String f : formats) {
            if (f == null || !f.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException(
                        "a format is an extension in lower-case letters and digits, without the dot; got \"" + f
                                + "\"");
            }
            copy.add(f);
        }
        return new NamedQuerySource(Objects.requireNonNull(emf, "emf"), Set.copyOf(copy));
    }

    /** The extensions that make a query's name a key. */
    public Set<String> formats() {
        return formats;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Key → SQL of every named native query whose name ends in a format, sorted by name.
     *
     * @throws IllegalArgumentException naming the query whose name is no valid key, with the rule it breaks
     */
    @Override
    public Map<String, String> queries() {
        Map<String, String> keys = new TreeMap<>();
        definitions().forEach((name, sql) -> {
            if (name != null && formats.contains(extension(name))) {
                validate(name, sql);
                keys.put(name, sql);
            }
        });
        return keys;
    }

    /** Every named native query of the factory, name → SQL. */
    Map<String, String> definitions() {
        if (HibernateSupport.PRESENT && HibernateSupport.isHibernate(emf)) {
            try {
                return HibernateSupport.nativeQueries(emf);
            } catch (LinkageError incubatingSpiChanged) {
                // another Hibernate version moved the SPI: the annotations still say it
            }
        }
        return annotated(emf);
    }

    /** The {@code @NamedNativeQuery} definitions on the managed types of {@code emf}'s metamodel. */
    static Map<String, String> annotated(EntityManagerFactory emf) {
        Map<String, String> queries = new TreeMap<>();
        for (ManagedType<?> type : emf.getMetamodel().getManagedTypes()) {
            for (Class<?> c = type.getJavaType(); c != null && c != Object.class; c = c.getSuperclass()) {
                // repeated annotations included: their container @NamedNativeQueries is looked through
                for (NamedNativeQuery q : c.getAnnotationsByType(NamedNativeQuery.class)) {
                    queries.putIfAbsent(q.name(), q.query());
                }
            }
        }
        return queries;
    }

    /** The extension of the name's last segment, lower case, or "". */
    private static String extension(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot <= 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The query backend's own rules for a mapping, applied now so that the message can name the query. */
    private static void validate(String name, String sql) {
        try {
            // Served as csv for the check alone: the extension is known, and the format is the backend's to find.
            SqlQueryBackend.builder()
                    .dataSource(UNCONNECTED)
                    .query(name, sql, "csv")
                    .validate();
        } catch (IllegalArgumentException | RemoteStoreException e) {
            throw new IllegalArgumentException(
                    "the JPA named native query \"" + name + "\" cannot be served as a key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "NamedQuerySource(" + formats + ")";
    }
}
