package dev.remotestore.sql;

import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The connection options every SQL backend builder offers: an owned pool from a URL, or a borrowed
 * {@link DataSource}. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class ConnectionOptions<B extends ConnectionOptions<B>> {
    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private int maxPoolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private boolean joinCallerTransactions = true;

    abstract B self();

    /** A JDBC URL; the backend creates a HikariCP pool for it and closes it on {@code close()}. */
    public B url(String jdbcUrl) {
        this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return self();
    }

    /** The user for {@link #url}. */
    public B user(String user) {
        this.user = user;
        return self();
    }

    /** The password for {@link #url}. */
    public B password(String password) {
        this.password = password;
        return self();
    }

    /** A pool to borrow (an application's datasource); {@code close()} leaves it open. */
    public B dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return self();
    }

    /** The size of an owned pool; default 10. */
    public B maxPoolSize(int connections) {
        this.maxPoolSize = connections;
        return self();
    }

    /** How long an operation waits for a connection of an owned pool; default 30 s. */
    public B connectionTimeout(Duration timeout) {
        this.connectionTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * Whether operations join the caller's transaction when a borrowed connection has auto-commit off
     * (default {@code true}). Turn it off for a pool that hands out auto-commit-off connections outside any
     * transaction; the backend then commits its own work on them.
     */
    public B joinCallerTransactions(boolean join) {
        this.joinCallerTransactions = join;
        return self();
    }

    /** Checks the connection options; call before anything is opened. */
    void validateConnection(String backend) {
        if ((url == null) == (dataSource == null)) {
            throw new IllegalStateException(backend + " needs exactly one of url(…) and dataSource(…), got "
                    + (url == null ? "neither" : "both"));
        }
        if (maxPoolSize <= 0) {
            throw new IllegalStateException("maxPoolSize must be positive, got " + maxPoolSize);
        }
    }

    /**
     * Opens the owned pool, or wraps the borrowed data source.
     *
     * @param backend the backend's name, for messages
     * @throws dev.remotestore.PermissionDeniedException if the database refuses the credentials
     * @throws dev.remotestore.BackendUnavailableException if the owned pool's first connection fails otherwise
     */
    SqlBackendBase.Connections connections(String backend) {
        if (url == null) {
            return new SqlBackendBase.Connections(dataSource, false, joinCallerTransactions);
        }
        try {
            DataSource pool =
                    HikariPools.create(new HikariPools.Settings(url, user, password, maxPoolSize, connectionTimeout));
            return new SqlBackendBase.Connections(pool, true, joinCallerTransactions);
        } catch (HikariPools.ConnectFailure e) {
            throw SqlBackendBase.connectFailure(e.getCause(), backend + " on " + Redaction.location(url));
        }
    }
}
