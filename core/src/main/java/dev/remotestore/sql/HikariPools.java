package dev.remotestore.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Builds the pools the SQL backends own. The only class that touches HikariCP, so that a user who only borrows
 * a {@link DataSource} never needs it on the class path.
 */
final class HikariPools {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private HikariPools() {}

    /** The first connection of a new pool failed; {@link #getCause()} is the driver's report. */
    static final class ConnectFailure extends RuntimeException {
        ConnectFailure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Settings of an owned pool. */
    record Settings(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {}

    /**
     * A new pool for {@code settings}.
     *
     * @throws IllegalStateException naming the artifact to add when HikariCP or the JDBC driver is missing
     * @throws ConnectFailure when the first connection fails
     */
    static DataSource create(Settings settings) {
        try {
            Class.forName("com.zaxxer.hikari.HikariDataSource", false, HikariPools.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    "SqlBlobBackend.builder().url(…) creates a connection pool with HikariCP, which is not on the"
                            + " class path: add the dependency com.zaxxer:HikariCP (or pass your own pool with"
                            + " .dataSource(…))",
                    e);
        }
        return Hikari.create(settings);
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

    /** The artifact that provides the JDBC driver of {@code url}, for messages. */
    static String driverArtifact(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) {
            return "org.xerial:sqlite-jdbc";
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return "org.postgresql:postgresql";
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return "org.mariadb.jdbc:mariadb-java-client";
        }
        if (u.startsWith("jdbc:h2:")) {
            return "com.h2database:h2";
        }
        return "the JDBC driver of your database";
    }

    /** Isolated so that HikariCP classes load only after the presence check above. */
    private static final class Hikari {
        static DataSource create(Settings s) {
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
            // One connection attempt at once: a wrong password, a missing database or a server that is down
            // is reported now, with the driver's reason, instead of after the whole connection timeout.
            config.setInitializationFailTimeout(1);
            String lower = s.url().toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:sqlite:")) {
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "NORMAL");
                config.addDataSourceProperty("busy_timeout", String.valueOf(SqliteDialect.BUSY_TIMEOUT_MS));
                // Write transactions take the write lock when they begin, so two of them never deadlock on
                // a lock upgrade (SQLITE_BUSY without waiting); plain reads take no explicit transaction.
                config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
                if (lower.contains(":memory:") || lower.contains("mode=memory")) {
                    // Each connection to a private in-memory database is a database of its own: keep one.
                    config.setMaximumPoolSize(1);
                    config.setMinimumIdle(1);
                    config.setMaxLifetime(0);
                    config.setIdleTimeout(0);
                }
            }
            try {
                return new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                if (e.getCause() instanceof SQLException cause) {
                    throw new ConnectFailure(cause);
                }
                throw e;
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("driver")) {
                    throw new IllegalStateException(
                            "no JDBC driver for " + Redaction.location(s.url()) + ": add the dependency "
                                    + driverArtifact(s.url()),
                            e);
                }
                throw e;
            }
        }
    }
}
