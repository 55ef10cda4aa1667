package dev.remotestore.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Builds the pools the SQL backends own. The only class that touches HikariCP, so that a user who only borrows
 * a {@link DataSource} never needs it on the class path.
 */
final class HikariPools {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private HikariPools() {}

    /** Settings of an owned pool. */
    record Settings(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {}

    /**
     * A new pool for {@code settings}.
     *
     * @throws IllegalStateException naming the artifact to add when HikariCP or the JDBC driver is missing
     * @throws ConnectFailure when the first connection fails
     */
    static DataSource create(Settings settings, SqlDialect dialect, String backend) {
        try {
            Class.forName("com.zaxxer.hikari.HikariDataSource", false, HikariPools.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    backend + ".builder().url(…) creates a connection pool with HikariCP, which is not on the"
                            + " class path: add the dependency com.zaxxer:HikariCP (or pass your own pool with"
                            + " .dataSource(…))",
                    e);
        }
        return Hikari.create(settings, dialect);
    }

    /** Closes a pool created by {@link #create}. */
    static void close(DataSource pool) {
        if (pool instanceof AutoCloseable) {
            try {
                ((AutoCloseable) pool).close();
            } catch (Exception ignored) {
                // closing a pool: nothing left to do for the caller
            }
        }
    }

    /** Isolated so that HikariCP classes load only after the presence check above. */
    private static final class Hikari {
        static DataSource create(Settings s, SqlDialect dialect) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(s.url());
            if (s.user() != null) {
                config.setUsername(s.user());
            }
            if (s.password() != null) {
                config.setPassword(s.password());
            }
            config.setPoolName("remote-store-" + COUNTER.incrementAndGet());
            config.setMaximumPoolSize(s.maxPoolSize());
            config.setConnectionTimeout(s.connectionTimeout().toMillis());
            // Start without a connection: the backend's first contact says at once what is wrong (or succeeds
            // later, when a database that is down comes up); the pool fills when it is first used.
            config.setInitializationFailTimeout(-1);
            dialect.ownedPoolProperties(s.url()).forEach(config::addDataSourceProperty);
            if (dialect.ownedPoolIsOneConnection(s.url())) {
                config.setMaximumPoolSize(1);
                config.setMinimumIdle(1);
                config.setMaxLifetime(0);
                config.setIdleTimeout(0);
            }
            return new HikariDataSource(config);
        }
    }
}
