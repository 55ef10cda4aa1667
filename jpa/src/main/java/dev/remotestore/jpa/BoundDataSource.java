package dev.remotestore.jpa;

import dev.remotestore.RemoteStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for a {@link dev.remotestore.sql.SqlBlobBackend} whose writes should commit or roll back
 * with an {@link EntityManager}'s transaction. Inside {@link #callWith(EntityManager, Supplier)} it hands out the
 * connection of that EntityManager's current transaction (obtained with JPA 3.2's
 * {@link EntityManager#callWithConnection}); everywhere else it hands out connections of the pool it wraps.
 *
 * <pre>{@code
 * BoundDataSource shared = BoundDataSource.of(dataSource);   // the pool of the persistence unit
 * Store blobs = Store.of(SqlBlobBackend.builder().dataSource(shared).createTable(false).build());
 * EntityContent content = EntityContent.of(blobs);              // finds `shared` through the store
 * }</pre>
 *
 * <p>With a resource-local persistence unit the EntityManager holds one physical connection for its transaction,
 * and another connection of the same pool would commit separately: sharing needs that very connection. The
 * backend sees auto-commit off on it and joins the transaction (it never commits it), so the blob row and the
 * entity rows commit or roll back together. The handle given out refuses {@code close()} (a no-op),
 * {@code commit()}, {@code rollback()} and {@code setAutoCommit(…)}: the transaction belongs to the
 * EntityManager. Savepoints are allowed.
 *
 * <p>The blob table must be in the EntityManager's database. Build the backend outside {@code callWith} (its
 * first contact, which may create the table, then uses a pool connection); {@code createTable(false)} with a
 * table made by migrations is the usual set-up. Content read through the store comes from pool connections,
 * so it shows what is committed. Thread-safe: the binding is per thread.
 */
public final class BoundDataSource implements DataSource {
    private final DataSource pool;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    private BoundDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** A data source that hands out {@code pool}'s connections except inside {@link #callWith}. */
    public static BoundDataSource of(DataSource pool) {
        return new BoundDataSource(Objects.requireNonNull(pool, "pool"));
    }

    /**
     * Runs {@code work} on this thread with this data source handing out {@code em}'s transaction connection, and
     * returns its result. Calls nest (an inner call of another EntityManager binds that one's connection until it
     * returns).
     *
     * @throws IllegalStateException if {@code em} has no active transaction
     * @throws RemoteStoreException if the EntityManager cannot hand out its connection (its exception is the cause)
     * @throws RuntimeException whatever {@code work} throws, unwrapped
     */
    public <T> T callWith(EntityManager em, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (!em.isJoinedToTransaction()) {
            throw new IllegalStateException(
                    "the EntityManager has no active transaction to share; begin one before writing content");
        }
        Outcome<T> outcome = new Outcome<>();
        try {
            em.<Connection, Void>callWithConnection(connection -> {
                Connection previous = bound.get();
                bound.set(connection);
                try {
                    outcome.value = work.get();
                } catch (RuntimeException | Error e) {
                    // the provider would wrap it in its own exception: hand it back as it was thrown
                    outcome.failure = e;
                } finally {
                    if (previous == null) {
                        bound.remove();
                    } else {
                        bound.set(previous);
                    }
                }
                return null;
            });
        } catch (PersistenceException e) {
            throw new RemoteStoreException(
                    "the EntityManager could not hand out its transaction's connection: " + e.getMessage(),
                    null,
                    toString(),
                    e);
        }
        if (outcome.failure instanceof RuntimeException e) {
            throw e;
        }
        if (outcome.failure instanceof Error e) {
            throw e;
        }
        return outcome.value;
    }

    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }

    /** Whether this thread is inside {@link #callWith} (for tests and diagnostics). */
    boolean isBound() {
        return bound.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = bound.get();
        return c != null ? transactionHandle(c) : pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection c = bound.get();
        return c != null ? transactionHandle(c) : pool.getConnection(username, password);
    }

    /** The EntityManager's connection, with what would end or leave its transaction refused. */
    private static Connection transactionHandle(Connection c) {
        return (Connection) Proxy.newProxyInstance(
                BoundDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null; // the EntityManager closes it
                        case "commit", "setAutoCommit":
                            throw refused(method);
                        case "rollback":
                            if (args == null || args.length == 0) {
                                throw refused(method);
                            }
                            break;
                        case "unwrap":
                            if (((Class<?>) args[0]).isInstance(proxy)) {
                                return proxy;
                            }
                            break;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "transaction connection of an EntityManager (" + c + ")";
                        default:
                            break;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static SQLException refused(Method method) {
        return new SQLException(method.getName() + "() on the connection of an EntityManager's transaction: the"
                + " transaction belongs to the EntityManager (BoundDataSource)");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }

    @Override
    public String toString() {
        return "BoundDataSource(" + pool + ")";
    }
}
