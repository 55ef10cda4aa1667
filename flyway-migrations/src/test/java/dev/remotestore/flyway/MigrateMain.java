package dev.remotestore.flyway;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Runs {@link RemoteStoreMigrations#migrate} against a database given by URL, user and password (literally "null"
 * for none) and prints {@code OK <migrations run>} or {@code FAILED <exception class> <message>}: for tests that
 * need a class path of their own.
 */
public final class MigrateMain {
    private MigrateMain() {}

    public static void main(String[] args) {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(args[0]);
            ds.setUsername("null".equals(args[1]) ? null : args[1]);
            ds.setPassword("null".equals(args[2]) ? null : args[2]);
            ds.setMaximumPoolSize(2);
            System.out.println("OK " + RemoteStoreMigrations.migrate(ds));
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getClass().getName() + " " + e.getMessage());
        }
    }
}
