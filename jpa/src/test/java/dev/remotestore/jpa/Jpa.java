package dev.remotestore.jpa;

import dev.remotestore.sql.BlobTableSchema;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** Hibernate persistence units over the test databases, and the blob tables they map. */
final class Jpa {
    private Jpa() {}

    /** The statements a {@link #logging} data source saw prepared or executed, in order. */
    static final class SqlLog {
        final List<String> statements = new CopyOnWriteArrayList<>();

        void clear() {
            statements.clear();
        }
    }

    /** Creates the blob table {@code table} with the library's DDL (what the Flyway migrations run too). */
    static void createBlobTable(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (String ddl : BlobTableSchema.createStatements(c, table)) {
                st.execute(ddl);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /**
     * A persistence unit of {@code classes} (plus {@link StoredObject} and the converters) on {@code ds}, with
     * {@code StoredObject} mapped to {@code table} and the given schema tooling action ({@code validate},
     * {@code none}).
     */
    static EntityManagerFactory emf(
            TestDatabase db, DataSource ds, String table, String schemaAction, Class<?>... classes) {
        return emf(db, ds, table, schemaAction, Map.of(), classes);
    }

    static EntityManagerFactory emf(
            TestDatabase db,
            DataSource ds,
            String table,
            String schemaAction,
            Map<String, Object> properties,
            Class<?>... classes) {
        HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("test-" + db)
                .managedClass(StoredObject.class)
                .managedClass(StoreKeyConverter.class)
                .managedClass(UtcInstantConverter.class)
                .managedClasses(classes)
                .property("hibernate.connection.datasource", ds)
                .property("hibernate.hbm2ddl.auto", schemaAction)
                .property("hibernate.physical_naming_strategy", new TableNamed(table))
                .properties(properties);
        if (db == TestDatabase.SQLITE) {
            config.property("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect");
        }
        return config.createEntityManagerFactory();
    }

    /** Maps the entity's default table name to a test table, as an application's orm.xml would. */
    private static final class TableNamed extends PhysicalNamingStrategyStandardImpl {
        private final String table;

        TableNamed(String table) {
            this.table = table;
        }

        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
            return name.getText().equals("remote_store_objects") ? Identifier.toIdentifier(table, true) : name;
        }
    }

    /** {@code ds}, recording the SQL of every statement prepared or executed through it into {@code log}. */
    static DataSource logging(DataSource ds, SqlLog log) {
        return (DataSource) Proxy.newProxyInstance(
                Jpa.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(ds, method, args);
                    if (result instanceof Connection c) {
                        return loggingConnection(c, log);
                    }
                    return result;
                });
    }

    private static Connection loggingConnection(Connection c, SqlLog log) {
        return (Connection) Proxy.newProxyInstance(
                Jpa.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        log.statements.add(sql);
                    }
                    Object result = invoke(c, method, args);
                    if (result instanceof Statement s && method.getName().equals("createStatement")) {
                        return loggingStatement(s, log);
                    }
                    return result;
                });
    }

    private static Statement loggingStatement(Statement s, SqlLog log) {
        return (Statement) Proxy.newProxyInstance(
                Jpa.class.getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                        log.statements.add(sql);
                    }
                    return invoke(s, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
