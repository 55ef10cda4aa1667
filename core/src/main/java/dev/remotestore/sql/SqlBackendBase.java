package dev.remotestore.sql;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * What every SQL backend shares: an owned pool (built from a URL, closed by {@link #close()}) or a borrowed
 * {@link DataSource} (left open), the dialect, transactions that join the caller's, a health check, and the
 * mapping of {@link SQLException}s to the API's exceptions. Thread-safe: no connection is held between
 * operations.
 */
abstract class SqlBackendBase implements Backend {
    /** Work on one connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    final DataSource dataSource;
    final boolean ownsPool;
    private final boolean joinCallerTransactions;
    /** Opens one connection outside the pool to see at once whether the server answers; null if not needed. */
    private final Probe probe;
    /** The location as known before the first contact: the owned pool's URL, or "a borrowed DataSource". */
    private final String configuredLocation;

    private final Object contacting = new Object();
    private volatile Contact contact;
    private volatile boolean closed;

    /** Connections and database facts, as the builders resolve them. */
    record Connections(DataSource dataSource, boolean owned, boolean joinCallerTransactions, String url, Probe probe) {}

    /** One connection outside the pool, closed at once: fails fast, with the driver's reason, where a pool waits. */
    @FunctionalInterface
    interface Probe {
        void run() throws SQLException;
    }

    /** What the first successful contact with the database found. */
    record Contact(SqlDialect dialect, String product, String location) {}

    /**
     * Nothing is asked of the database here: a backend can be built while its database is down (an application
     * that starts before it). The subclass calls {@link #contactIfReachable()} once it is set up.
     */
    SqlBackendBase(Connections connections) {
        this.dataSource = connections.dataSource();
        this.ownsPool = connections.owned();
        this.joinCallerTransactions = connections.joinCallerTransactions();
        this.probe = connections.probe();
        this.configuredLocation = Redaction.location(connections.url());
    }

    /**
     * The work of the first contact, on its connection, once: create or inspect tables, read server settings.
     * An {@link SQLException} leaves the backend uncontacted (the next operation tries again); a
     * {@link RuntimeException} (a configuration error such as a missing table) is the caller's to see.
     */
    void firstContact(Connection connection, SqlDialect dialect) throws SQLException {}

    /**
     * Makes the first contact now if the database answers, for the builders: configuration errors (a missing
     * table, refused credentials) then fail in {@code build()}; a database that is merely unreachable does not.
     * Closes an owned pool when it throws.
     */
    final void contactIfReachable() {
        try {
            contact(RemotePath.ROOT);
        } catch (RemoteStoreException e) {
            if (e.getCause() instanceof IllegalStateException || e.getCause() instanceof IllegalArgumentException) {
                close();
                // a builder reports configuration errors as IllegalStateException / IllegalArgumentException
                throw (RuntimeException) e.getCause();
            }
            if (!(e instanceof BackendUnavailableException)) {
                close();
                throw e;
            }
            // built anyway: operations fail with this until the database answers, then work without a rebuild
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first contact, made now if it has not been. */
    final Contact contact(RemotePath path) {
        Contact c = contact;
        if (c != null) {
            return c;
        }
        synchronized (contacting) {
            if (contact == null) {
                contact = makeContact(path);
            }
            return contact;
        }
    }

    private Contact makeContact(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), description());
        }
        try {
            if (probe != null) {
                probe.run();
            }
            try (Connection c = dataSource.getConnection()) {
                DatabaseMetaData md = c.getMetaData();
                SqlDialect dialect;
                try {
                    dialect = SqlDialect.detect(md, getClass().getSimpleName());
                } catch (IllegalArgumentException unsupported) {
                    throw new RemoteStoreException(unsupported.getMessage(), null, description(), unsupported);
                }
                try {
                    dialect.prepare(c);
                    firstContact(c, dialect);
                } catch (SQLException e) {
                    throw setupFailure(e, dialect, path);
                } catch (IllegalStateException | IllegalArgumentException misconfigured) {
                    // a missing table or column, found when first used: no JDK exception leaves the API
                    throw new RemoteStoreException(
                            misconfigured.getMessage(),
                            path.isRoot() ? null : path.toString(),
                            description(),
                            misconfigured);
                }
                String location = probe != null || ownsPool ? configuredLocation : Redaction.location(md.getURL());
                return new Contact(
                        dialect, md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(), location);
            }
        } catch (SQLException e) {
            throw connectFailure(e, description(), path);
        }
    }

    /**
     * A failure of the first contact's own work (creating or inspecting the table) once the database answered:
     * unavailable only if the connection went away meanwhile; otherwise what the database said, mapped like any
     * operation's failure (permission denied, or the database's reason), never "cannot connect".
     */
    private RemoteStoreException setupFailure(SQLException e, SqlDialect dialect, RemotePath path) {
        String key = path.isRoot() ? null : path.toString();
        String message = Redaction.secrets(dialect.message(rootCause(e)));
        if (e instanceof SQLTransientConnectionException || dialect.isUnavailable(e) || isConnectionLost(e)) {
            return new BackendUnavailableException("the database is unavailable: " + message, key, description(), e);
        }
        if (dialect.isPermissionDenied(e)) {
            return new PermissionDeniedException(
                    "permission denied while preparing the table: " + message, key, description(), e);
        }
        return new RemoteStoreException("preparing the table failed: " + message, key, description(), e);
    }

    /** The dialect; only after the first contact (every operation makes it through {@code connect}). */
    final SqlDialect dialect() {
        Contact c = contact;
        if (c == null) {
            throw new IllegalStateException("no contact with the database yet");
        }
        return c.dialect();
    }

    /** The database's name for messages, without contacting it: known after the first contact or from the URL. */
    final String databaseName() {
        Contact c = contact;
        return c != null ? c.dialect().name() : "not yet reached";
    }

    /** Product and version, once known. */
    final Optional<String> product() {
        Contact c = contact;
        return c == null ? Optional.empty() : Optional.of(c.product());
    }

    /**
     * The API exception for a failure to connect at all: {@link PermissionDeniedException} when the server
     * refused the credentials, else {@link BackendUnavailableException}; the message carries the root cause
     * (a pool's "connection is not available" hides it a cause or two deep).
     */
    static RemoteStoreException connectFailure(SQLException e, String backend, RemotePath path) {
        SQLException root = rootCause(e);
        String reason = "cannot connect to the database: " + Redaction.secrets(root.getMessage());
        String key = path == null || path.isRoot() ? null : path.toString();
        if (isAuthenticationFailure(root)) {
            return new PermissionDeniedException(reason, key, backend, e);
        }
        return new BackendUnavailableException(reason, key, backend, e);
    }

    /** The deepest SQLException in {@code e}'s causes: the driver's own report, not a pool's wrapper. */
    static SQLException rootCause(SQLException e) {
        SQLException root = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s) {
                root = s;
            }
        }
        return root;
    }

    /** SQLState class 28 (invalid authorization), or MariaDB's 1045 (access denied for user). */
    private static boolean isAuthenticationFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("28")) || e.getErrorCode() == 1045;
    }

    @Override
    public String description() {
        Contact c = contact;
        return name() + " on " + (c != null ? c.location() : configuredLocation);
    }

    /**
     * Runs {@code SELECT 1}, for readiness probes.
     *
     * @throws BackendUnavailableException if the database does not answer
     */
    public void healthCheck() {
        query(RemotePath.ROOT, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
            return null;
        });
    }

    /** Runs {@code work} on a connection as it comes (no transaction of ours), then returns the connection. */
    final <T> T query(RemotePath path, SqlWork<T> work) {
        try (Connection c = connect(path)) {
            return work.run(c);
        } catch (SQLException e) {
            throw map(e, path);
        } catch (IOException e) {
            throw new RemoteStoreException("I/O failed: " + e, path.toString(), description(), e);
        }
    }

    /**
     * Runs {@code work} atomically. Inside the caller's transaction (the borrowed connection has auto-commit
     * off) it joins it and never commits or rolls it back, guarding its statements with a savepoint where a
     * failed statement would otherwise doom the caller's transaction; otherwise it runs a transaction of its
     * own, begun as the dialect begins write transactions, and runs it again (a few times, after a short random
     * pause) when it lost a conflict with a concurrent transaction (deadlock, serialization failure). So
     * {@code work} must be repeatable: it re-reads what it needs.
     */
    final <T> T transact(RemotePath path, SqlWork<T> work) {
        try (Connection c = connect(path)) {
            if (joinCallerTransactions && !c.getAutoCommit()) {
                return joined(c, work);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return transactOnce(c, work);
                } catch (SQLException e) {
                    boolean repeatable =
                            e instanceof RetryableConflict || dialect().isTransientConflict(e);
                    if (attempt >= MAX_ATTEMPTS || !repeatable || c.isClosed()) {
                        throw e;
                    }
                    pauseBeforeRetry(attempt);
                }
            }
        } catch (SQLException e) {
            throw map(e, path);
        } catch (IOException e) {
            throw new RemoteStoreException("I/O failed: " + e, path.toString(), description(), e);
        }
    }

    private static final int MAX_ATTEMPTS = 8;

    /**
     * Wraps a failure that running the transaction again resolves (a row that a concurrent transaction created
     * after this one's checks), so that {@link #transact} repeats it; keeps the cause's state and code.
     */
    static SQLException retry(SQLException cause) {
        return new RetryableConflict(cause);
    }

    private static final class RetryableConflict extends SQLException {
        RetryableConflict(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T transactOnce(Connection c, SqlWork<T> work) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            dialect().begin(c);
        }
        T result;
        try {
            result = work.run(c);
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            // The first failure is what the caller needs: a connection the pool already evicted (the server
            // ended it) fails every later call with a state-less "connection is closed".
            rollbackQuietly(c, e);
            restoreAutoCommitQuietly(c, autoCommit, e);
            throw e;
        }
        restoreAutoCommitQuietly(c, autoCommit, null);
        return result;
    }

    private <T> T joined(Connection c, SqlWork<T> work) throws SQLException, IOException {
        if (!dialect().guardJoinedStatements()) {
            return work.run(c);
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = work.run(c);
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                c.rollback(savepoint);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the connection is broken; the pool discards it and the transaction is gone with it
            failure.addSuppressed(e);
        }
    }

    /** Gives a borrowed connection back as it came; after a commit, a failure here changes nothing stored. */
    private static void restoreAutoCommitQuietly(Connection c, boolean autoCommit, Exception failure) {
        if (!autoCommit) {
            return;
        }
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    private Connection connect(RemotePath path) throws SQLException {
        if (closed) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), description());
        }
        SqlDialect dialect = contact(path).dialect();
        Connection c = dataSource.getConnection();
        try {
            dialect.prepare(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The API exception for {@code e}; the SQLException is kept as the cause, never thrown itself. */
    final RemoteStoreException map(SQLException e, RemotePath path) {
        String key = path.toString();
        SQLException root = rootCause(e);
        SqlDialect dialect = dialect();
        String message = Redaction.secrets(dialect.message(root));
        if (root != e) {
            message = Redaction.secrets(dialect.message(e)) + " (" + message + ")";
        }
        if (dialect.isUniqueViolation(e)) {
            return new AlreadyExistsException("the key exists (a concurrent write created it)", key, description(), e);
        }
        if (isAuthenticationFailure(root)) {
            return new PermissionDeniedException(
                    "the database refused the credentials: " + message, key, description(), e);
        }
        if (e instanceof SQLTransientConnectionException || dialect.isUnavailable(e) || isConnectionLost(e)) {
            return new BackendUnavailableException("the database is unavailable: " + message, key, description(), e);
        }
        if (dialect.isPermissionDenied(e)) {
            return new PermissionDeniedException("permission denied: " + message, key, description(), e);
        }
        if (dialect.isValueTooLong(e)) {
            return new InvalidPathException(
                    "a value is longer than its column allows: " + message, key, description(), e);
        }
        return new RemoteStoreException("the database failed: " + message, key, description(), e);
    }

    private static boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(dataSource) ? Optional.of(type.cast(dataSource)) : Optional.empty();
    }

    /** Closes the pool if this backend owns it; a borrowed {@link DataSource} is left alone. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ownsPool) {
                HikariPools.close(dataSource);
            }
        }
    }

    final boolean isClosed() {
        return closed;
    }
}
