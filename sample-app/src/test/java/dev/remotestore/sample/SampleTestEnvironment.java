package dev.remotestore.sample;

import dev.remotestore.testkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the tests' application keeps its data: a fresh warm directory and a fresh database for the datasource's
 * {@code db-kind} — H2 in memory by default; with {@code -Dquarkus.datasource.db-kind=postgresql} (the surefire
 * execution {@code postgresql}) a new schema in the PostgreSQL test database, with {@code mariadb} a new database on
 * the MariaDB server, dropped at the end. Only the datasource properties change: the application, its
 * migrations and the tests are the same. The servers are those of {@link TestDatabase}, which creates its test
 * database when missing and fails (CI=true) when the server does not answer.
 */
public class SampleTestEnvironment implements QuarkusTestResourceLifecycleManager {
    private Path warm;
    private TestDatabase server;
    private String name;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        try {
            warm = Files.createTempDirectory("sample-warm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.remote-store.\"warm\".root", warm.toString());
        String kind = System.getProperty("quarkus.datasource.db-kind", "h2").toLowerCase(Locale.ROOT);
        name = "sample_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100_000;
        switch (kind) {
            case "h2" -> {
                config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                config.put("quarkus.datasource.username", "sa");
            }
            case "postgresql" -> {
                server = TestDatabase.POSTGRESQL;
                execute("CREATE SCHEMA " + name);
                config.put("quarkus.datasource.jdbc.url", server.url() + "?currentSchema=" + name);
            }
            case "mariadb" -> {
                server = TestDatabase.MARIADB;
                execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                String url = server.url();
                config.put("quarkus.datasource.jdbc.url", url.substring(0, url.lastIndexOf('/') + 1) + name);
            }
            default -> throw new IllegalStateException(
                    "quarkus.datasource.db-kind=" + kind + ": the sample's tests run on h2, postgresql or mariadb");
        }
        if (server != null) {
            config.put("quarkus.datasource.username", server.user());
            config.put("quarkus.datasource.password", server.password() == null ? "" : server.password());
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            execute(
                    server == TestDatabase.POSTGRESQL
                            ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                            : "DROP DATABASE IF EXISTS " + name);
        }
        if (warm != null) {
            try (Stream<Path> files = Files.walk(warm)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the system cleans it eventually
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = server.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server + ": " + e.getMessage(), e);
        }
    }
}
