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
    final SqlDialect dialect;
    final String product;
    final String location;
    private final boolean joinCallerTransactions;
    private volatile boolean closed;

    /** Connections and database facts, as the builders resolve them. */
    record Connections(DataSource dataSource, boolean owned, boolean joinCallerTransactions) {}

    SqlBackendBase(Connections connections) {
        this.dataSource = connections.dataSource();
        this.ownsPool = connections.owned();
        this.joinCallerTransactions = connections.joinCallerTransactions();
        String product;
        String location;
        SqlDialect dialect;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            dialect = SqlDialect.detect(md);
            product = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
            location = Redaction.location(md.getURL());
        } catch (SQLException e) {
            if (ownsPool) {
                HikariPools.close(dataSource);
            }
            throw connectFailure(e, name());
        } catch (RuntimeException e) {
            if (ownsPool) {
                HikariPools.close(dataSource);
            }
            throw e;
        }
        this.dialect = dialect;
        this.product = product;
        this.location = location;
    }

    /**
     * The API exception for a failure to connect at all: {@link PermissionDeniedException} when the server
     * refused the credentials, else {@link BackendUnavailableException}; the message carries the root cause
     * (a pool's "connection is not available" hides it a cause or two deep).
     */
    static RemoteStoreException connectFailure(SQLException e, String backend) {
        SQLException root = rootCause(e);
        String reason = "cannot connect to the database: " + Redaction.secrets(root.getMessage());
        if (isAuthenticationFailure(root)) {
            return new PermissionDeniedException(reason, null, backend, e);
        }
        return new BackendUnavailableException(reason, null, backend, e);
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
        return name() + " on " + location;
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
                    boolean repeatable = e instanceof RetryableConflict || dialect.isTransientConflict(e);
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
            dialect.begin(c);
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
        if (!dialect.guardJoinedStatements()) {
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
