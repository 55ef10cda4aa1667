package dev.remotestore.jpa;

import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.sql.SqlBlobBackend;
import jakarta.persistence.ConnectionFunction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs in a JVM without any Hibernate jar ({@link WithoutHibernateTest}), with JPA interfaces that another provider
 * could stand behind: prints one line per finding.
 */
public final class WithoutHibernateMain {
    private WithoutHibernateMain() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.hibernate.Session");
            System.out.println("HIBERNATE present");
        } catch (ClassNotFoundException expected) {
            System.out.println("HIBERNATE absent");
        }
        System.out.println(
                "KEY " + StoreKey.of("a//b") + " " + new StoreKeyConverter().convertToDatabaseColumn(StoreKey.of("c")));
        System.out.println(
                "ENTITY " + StoredObject.class.getDeclaredField("modifiedAt").getAnnotations().length);

        // after-commit actions need Hibernate: refused, nothing written
        try (Store memory = Store.of(new MemoryBackend())) {
            try {
                EntityContent.of(memory).write(entityManager(null), "x.bin", new byte[1]);
                System.out.println("CALLBACKS accepted");
            } catch (IllegalStateException e) {
                System.out.println("CALLBACKS refused " + e.getMessage().contains("org.hibernate.orm:hibernate-core")
                        + " " + memory.exists("x.bin"));
            }
        }

        // a shared write needs only JPA 3.2's callWithConnection
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:without;DB_CLOSE_DELAY=-1");
        try (Connection tx = DriverManager.getConnection("jdbc:h2:mem:without;DB_CLOSE_DELAY=-1")) {
            BoundDataSource shared = BoundDataSource.of(h2);
            try (Store blobs =
                    Store.of(SqlBlobBackend.builder().dataSource(shared).build())) {
                tx.setAutoCommit(false);
                EntityContent content = EntityContent.of(blobs);
                content.write(entityManager(tx), "shared.txt", "x".getBytes(StandardCharsets.UTF_8));
                boolean before = blobs.exists("shared.txt"); // on another connection: not committed yet
                tx.rollback();
                boolean afterRollback = blobs.exists("shared.txt");
                content.write(entityManager(tx), "shared.txt", "x".getBytes(StandardCharsets.UTF_8));
                tx.commit();
                System.out.println("SHARED " + content.sharesTransactions() + " " + before + " " + afterRollback + " "
                        + blobs.exists("shared.txt"));
            }
        }

        // named native queries from the annotations of the metamodel
        System.out.println(
                "NAMED " + NamedQuerySource.of(factory(Sale.class)).queries().keySet());
    }

    /** An EntityManager of "another provider", in a transaction on {@code connection}. */
    private static EntityManager entityManager(Connection connection) {
        return (EntityManager) Proxy.newProxyInstance(
                WithoutHibernateMain.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "isJoinedToTransaction":
                            return true;
                        case "callWithConnection":
                            @SuppressWarnings("unchecked")
                            ConnectionFunction<Connection, Object> f = (ConnectionFunction<Connection, Object>) a[0];
                            return f.apply(connection);
                        case "unwrap":
                            throw new PersistenceException("not that provider");
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    private static EntityManagerFactory factory(Class<?> entity) {
        ManagedType<?> type = (ManagedType<?>) Proxy.newProxyInstance(
                WithoutHibernateMain.class.getClassLoader(),
                new Class<?>[] {ManagedType.class},
                (p, m, a) -> m.getName().equals("getJavaType") ? entity : null);
        Metamodel metamodel = (Metamodel) Proxy.newProxyInstance(
                WithoutHibernateMain.class.getClassLoader(),
                new Class<?>[] {Metamodel.class},
                (p, m, a) -> m.getName().equals("getManagedTypes") ? Set.of(type) : null);
        return (EntityManagerFactory) Proxy.newProxyInstance(
                WithoutHibernateMain.class.getClassLoader(), new Class<?>[] {EntityManagerFactory.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getMetamodel":
                            return metamodel;
                        case "unwrap":
                            throw new PersistenceException("not that provider");
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }
}
