package dev.remotestore.jpa;

import dev.remotestore.sql.BlobTableSchema;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** Hibernate persistence units over the test databases, the tables they map, and SQL statement logs. */
final class Jpa {
    private Jpa() {}

    /** The statements a {@link #logging} data source saw prepared or executed, in order. */
    static final class SqlLog {
        final List<String> statements = new CopyOnWriteArrayList<>();
    }

    /** Runs {@code statements} on a connection of {@code ds}. */
    static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** Creates the blob table {@code table} with the library's DDL (what the Flyway migrations run too). */
    static void createBlobTable(DataSource ds, String table) throws SQLException {
        List<String> ddl;
        try (Connection c = ds.getConnection()) {
            ddl = BlobTableSchema.createStatements(c, table);
        }
        execute(ds, ddl.toArray(String[]::new));
    }

    /** Runs {@code work} in a resource-local transaction of a new EntityManager, and commits. */
    static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            try {
                work.accept(em);
                em.getTransaction().commit();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            }
        }
    }

    static Unit unit(TestDatabase db, DataSource ds) {
        return new Unit(db, ds);
    }

    /** A persistence unit under construction: {@link StoredObject} and the converters, plus what is added. */
    static final class Unit {
        private final TestDatabase db;
        private final DataSource ds;
        private final Map<String, String> tables = new HashMap<>();
        private final List<Class<?>> classes = new ArrayList<>();
        private final List<String> mappingFiles = new ArrayList<>();
        private String action = "validate";

        private Unit(TestDatabase db, DataSource ds) {
            this.db = db;
            this.ds = ds;
        }

        /** Maps the entity table {@code name} (as the entity names it) to {@code actual}. */
        Unit table(String name, String actual) {
            tables.put(name, actual);
            return this;
        }

        Unit classes(Class<?>... more) {
            classes.addAll(List.of(more));
            return this;
        }

        Unit mappingFile(String resource) {
            mappingFiles.add(resource);
            return this;
        }

        /** The schema tooling action: {@code validate} (default) or {@code none}. */
        Unit action(String action) {
            this.action = action;
            return this;
        }

        EntityManagerFactory build() {
            HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("test-" + db)
                    .managedClass(StoredObject.class)
                    .managedClass(StoreKeyConverter.class)
                    .managedClasses(classes)
                    .mappingFiles(mappingFiles)
                    .property("hibernate.connection.datasource", ds)
                    .property("hibernate.hbm2ddl.auto", action)
                    .property("hibernate.physical_naming_strategy", new TablesNamed(tables));
            if (db == TestDatabase.SQLITE) {
                config.property("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect");
            }
            return config.createEntityManagerFactory();
        }
    }

    /** Maps entity table names to test tables, as an application's orm.xml would map them to its own. */
    private static final class TablesNamed extends PhysicalNamingStrategyStandardImpl {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> tables;

        TablesNamed(Map<String, String> tables) {
            this.tables = Map.copyOf(tables);
        }

        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
            String actual = tables.get(name.getText());
            // quoted as the blob table's DDL quotes it (H2 would fold an unquoted name to upper case)
            return actual == null
                    ? name
                    : Identifier.toIdentifier(actual, name.getText().equals("remote_store_objects"));
        }
    }

    /** {@code ds}, recording the SQL of every statement prepared or executed through it into {@code log}. */
    static DataSource logging(DataSource ds, SqlLog log) {
        return proxy(DataSource.class, ds, (method, args, result) -> {
            if (result instanceof Connection c) {
                return proxy(Connection.class, c, (m, a, r) -> {
                    if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                        log.statements.add(sql);
                    }
                    if (r instanceof Statement s && m.getName().equals("createStatement")) {
                        return proxy(Statement.class, s, (sm, sa, sr) -> {
                            if (sm.getName().startsWith("execute") && sa != null && sa[0] instanceof String sql) {
                                log.statements.add(sql);
                            }
                            return sr;
                        });
                    }
                    return r;
                });
            }
            return result;
        });
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(
                Proxy.newProxyInstance(Jpa.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, args, result);
                }));
    }
}
