package dev.remotestore.sql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
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
     * Wraps the borrowed data source, or makes the owned pool: without connecting (a database that is down does
     * not fail {@code build()}), but with the driver found and the URL's database supported.
     *
     * @param backend the backend's class name, for messages
     * @throws IllegalStateException naming the artifact to add, or the databases supported
     */
    SqlBackendBase.Connections connections(String backend) {
        if (url == null) {
            return new SqlBackendBase.Connections(dataSource, false, joinCallerTransactions, null, null);
        }
        SqlDialect dialect = SqlDialect.forUrl(url)
                .orElseThrow(() -> new IllegalStateException(backend + " supports " + SqlDialect.supported()
                        + "; the URL " + Redaction.location(url) + " names another database"));
        Driver driver;
        try {
            driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "no JDBC driver for " + Redaction.location(url) + ": add the dependency "
                            + dialect.driverArtifact(),
                    e);
        }
        DataSource pool = HikariPools.create(
                new HikariPools.Settings(url, user, password, maxPoolSize, connectionTimeout), dialect, backend);
        Map<String, String> probeProperties = dialect.probeProperties(connectionTimeout);
        SqlBackendBase.Probe probe = probeProperties.isEmpty()
                ? null
                : () -> {
                    Properties props = new Properties();
                    props.putAll(probeProperties);
                    if (user != null) {
                        props.setProperty("user", user);
                    }
                    if (password != null) {
                        props.setProperty("password", password);
                    }
                    try (Connection c = driver.connect(url, props)) {
                        if (c == null) {
                            throw new SQLException("the driver does not accept " + Redaction.location(url));
                        }
                    }
                };
        return new SqlBackendBase.Connections(pool, true, joinCallerTransactions, url, probe);
    }
}
