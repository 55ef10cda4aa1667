package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A store over an owned pool survives a PostgreSQL restart: during the outage every operation fails with
 * {@link BackendUnavailableException} (and nothing else), and afterwards the same store, not rebuilt, reads and
 * writes again once the pool has replaced its dead connections.
 *
 * <p>Runs only with {@code REMOTE_STORE_RESTART_TESTS=true} ({@code .ci/run} sets it). Stops the local cluster
 * with {@code pg_ctlcluster}, so it runs only where that exists (Debian's
 * postgresql-common) and the test server is on this machine; the server is always started again, and waited
 * for, in a {@code finally} block. Anything else using the server meanwhile sees a short outage.
 */
@DatabaseTest
class PostgresRestartTest {
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName(
            "PostgreSQL stopped: reads and writes fail with BackendUnavailableException; restarted: the same store works again")
    void survivesRestart() throws Exception {
        requireOptIn();
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.dataSource(); // skips, or fails in CI, when the server is unreachable
        Path pgCtlCluster = requireTool("pg_ctlcluster");
        Path pgIsReady = requireTool("pg_isready");
        String host = URI.create(db.url().substring("jdbc:".length())).getHost();
        int port = URI.create(db.url().substring("jdbc:".length())).getPort();
        requireLocal(host);
        String version = clusterVersion(port);

        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(db.url())
                .user(db.user())
                .password(db.password())
                .table(TestDatabase.newTableName())
                .maxPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(2))
                .build())) {
            store.write("doc.txt", OLD);
            assertThat(store.readBytes("doc.txt")).isEqualTo(OLD);

            long stopped = System.nanoTime();
            Store late = null;
            try {
                Result stop = run(
                        Duration.ofSeconds(60),
                        pgCtlCluster.toString(),
                        "--skip-systemctl-redirect",
                        version,
                        "main",
                        "stop",
                        "-m",
                        "fast");
                assertThat(stop.exitCode())
                        .as("pg_ctlcluster stop: %s", stop.output())
                        .isZero();
                assertThat(isReady(pgIsReady, host, port))
                        .as("pg_isready after the stop")
                        .isFalse();

                expectUnavailable("readBytes during the outage", () -> store.readBytes("doc.txt"));
                expectUnavailable("write during the outage", () -> {
                    store.write("doc.txt", NEW, WriteOption.OVERWRITE);
                    return null;
                });
                expectUnavailable("exists during the outage", () -> store.exists("doc.txt"));

                // Built while the server is down (an application that starts before its database): build()
                // succeeds, operations fail at once, and once the server is back the same store works.
                late = Store.of(SqlBlobBackend.builder()
                        .url(db.url())
                        .user(db.user())
                        .password(db.password())
                        .table(TestDatabase.newTableName())
                        .connectionTimeout(Duration.ofSeconds(30))
                        .build());
                Store builtLate = late;
                long asked = System.nanoTime();
                expectUnavailable("exists on a store built during the outage", () -> builtLate.exists("doc.txt"));
                assertThat(Duration.ofNanos(System.nanoTime() - asked))
                        .as("a refused connection is reported at once, not after the 30 s pool timeout")
                        .isLessThan(Duration.ofSeconds(15));
            } finally {
                startAndWait(pgCtlCluster, pgIsReady, version, host, port);
            }
            long restarted = System.nanoTime();

            try (Store builtLate = late) {
                retryWhileUnavailable("write to the store built during the outage", () -> {
                    builtLate.write("late.txt", NEW);
                    return null;
                });
                assertThat(builtLate.readBytes("late.txt")).isEqualTo(NEW);
            }

            // The same store: the first calls may still meet dead pooled connections.
            byte[] read = retryWhileUnavailable("readBytes after the restart", () -> store.readBytes("doc.txt"));
            assertThat(read).as("the write during the outage stored nothing").isEqualTo(OLD);
            retryWhileUnavailable("write after the restart", () -> {
                store.write("doc.txt", NEW, WriteOption.OVERWRITE);
                return null;
            });
            assertThat(store.readBytes("doc.txt")).isEqualTo(NEW);
            System.out.printf(
                    "RESTART postgresql %s: outage %.1f s, store usable %.1f s after the server was ready%n",
                    version, (restarted - stopped) / 1e9, (System.nanoTime() - restarted) / 1e9);
        }
    }

    /**
     * The same failure without stopping the server, and deterministic: the server drops the pool's connection
     * ({@code pg_terminate_backend}, what a shutdown does to every session) and the next operation gets that
     * connection straight from the pool (HikariCP re-validates only connections idle for more than 500 ms).
     */
    @Test
    @DisplayName("a pooled connection the server has dropped: reads and writes fail with BackendUnavailableException")
    void droppedConnectionIsUnavailable() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        DataSource admin = db.dataSource(); // skips, or fails in CI, when the server is unreachable
        String application = "rs-dropped-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(db.url() + "?ApplicationName=" + application)
                .user(db.user())
                .password(db.password())
                .table(TestDatabase.newTableName())
                .maxPoolSize(1)
                .connectionTimeout(Duration.ofSeconds(2))
                .build())) {
            store.write("doc.txt", OLD);

            expectUnavailableOnDroppedConnection(
                    "readBytes on a dropped connection", store, admin, application, () -> store.readBytes("doc.txt"));
            expectUnavailableOnDroppedConnection("write on a dropped connection", store, admin, application, () -> {
                store.write("doc.txt", NEW, WriteOption.OVERWRITE);
                return null;
            });
            expectUnavailableOnDroppedConnection(
                    "deleteIfExists on a dropped connection",
                    store,
                    admin,
                    application,
                    () -> store.deleteIfExists("doc.txt"));

            assertThat(retryWhileUnavailable("readBytes afterwards", () -> store.readBytes("doc.txt")))
                    .isEqualTo(OLD);
        }
    }

    /**
     * Uses the pool's one connection, has the server terminate it, and runs {@code call} at once. A call that
     * succeeds met a live connection after all (the pool re-validated or replaced it): tried again, a few times.
     */
    private static void expectUnavailableOnDroppedConnection(
            String what, Store store, DataSource admin, String application, Supplier<?> call) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(retryWhileUnavailable("readBytes before dropping", () -> store.readBytes("doc.txt")))
                    .isEqualTo(OLD);
            long used = System.nanoTime();
            assertThat(terminate(admin, application))
                    .as("sessions of %s terminated", application)
                    .isOne();
            Object result;
            try {
                result = call.get();
            } catch (BackendUnavailableException expected) {
                System.out.println("DROPPED " + what + ": " + expected.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(
                        what + " threw " + e.getClass().getName() + " instead of BackendUnavailableException:\n"
                                + stackTrace(e),
                        e);
            }
            System.out.printf(
                    "DROPPED %s: attempt %d succeeded (%s, %d ms after the last use); trying again%n",
                    what, attempt, result, (System.nanoTime() - used) / 1_000_000);
        }
        fail(what + ": the pool never handed out the dropped connection in 5 attempts");
    }

    /** Terminates the server sessions of {@code application} and waits until they are gone; returns how many. */
    private static int terminate(DataSource admin, String application) throws SQLException, InterruptedException {
        int terminated = 0;
        try (Connection c = admin.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
                ps.setString(1, application);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        terminated += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
                ps.setString(1, application);
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
            }
        }
        return terminated;
    }

    // ---- exceptions ----------------------------------------------------------------------------------------

    private static void expectUnavailable(String what, Supplier<?> call) {
        Object result;
        try {
            result = call.get();
        } catch (BackendUnavailableException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            System.out.println("OUTAGE " + what + ": " + expected.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    what + " threw " + e.getClass().getName() + " instead of BackendUnavailableException:\n"
                            + stackTrace(e),
                    e);
        }
        throw new AssertionError(what + " succeeded with the server stopped: " + result);
    }

    private static <T> T retryWhileUnavailable(String what, Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        BackendUnavailableException last;
        int failures = 0;
        do {
            try {
                T result = call.get();
                System.out.println(
                        "RECOVERY " + what + ": succeeded after " + failures + " BackendUnavailableException(s)");
                return result;
            } catch (BackendUnavailableException e) {
                last = e; // allowed while the pool replaces dead connections
                failures++;
            } catch (RuntimeException e) {
                throw new AssertionError(
                        what + " threw " + e.getClass().getName() + " (only BackendUnavailableException may be"
                                + " retried):\n" + stackTrace(e),
                        e);
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                what + " still failed " + RECOVERY.toSeconds() + " s after the server was ready:\n" + stackTrace(last),
                last);
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // ---- the server ----------------------------------------------------------------------------------------

    private static void startAndWait(Path pgCtlCluster, Path pgIsReady, String version, String host, int port)
            throws IOException, InterruptedException {
        Result start = run(
                Duration.ofSeconds(60), pgCtlCluster.toString(), "--skip-systemctl-redirect", version, "main", "start");
        long deadline = System.nanoTime() + READY.toNanos();
        while (!isReady(pgIsReady, host, port)) {
            if (System.nanoTime() > deadline) {
                fail("PostgreSQL " + version + " did not become ready within " + READY.toSeconds()
                        + " s after pg_ctlcluster start (exit " + start.exitCode() + "): " + start.output());
            }
            Thread.sleep(200);
        }
    }

    private static boolean isReady(Path pgIsReady, String host, int port) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(10), pgIsReady.toString(), "-h", host, "-p", String.valueOf(port), "-t", "2")
                        .exitCode()
                == 0;
    }

    /** The version of the cluster {@code main} on {@code port}, from the directory names under /etc/postgresql. */
    private static String clusterVersion(int port) throws IOException {
        Path etc = Path.of("/etc/postgresql");
        List<String> versions = new ArrayList<>();
        if (Files.isDirectory(etc)) {
            try (Stream<Path> dirs = Files.list(etc)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("main").resolve("postgresql.conf")))
                        .map(d -> d.getFileName().toString())
                        .sorted()
                        .forEach(versions::add);
            }
        }
        if (versions.isEmpty()) {
            skipOrFail("no cluster \"main\" under " + etc);
        }
        if (versions.size() == 1) {
            return versions.get(0);
        }
        Pattern portLine = Pattern.compile("(?m)^\\s*port\\s*=\\s*(\\d+)");
        for (String v : versions) {
            Matcher m = portLine.matcher(
                    Files.readString(etc.resolve(v).resolve("main").resolve("postgresql.conf")));
            if (m.find() && Integer.parseInt(m.group(1)) == port) {
                return v;
            }
        }
        skipOrFail("none of the clusters " + versions + " under " + etc + " listens on port " + port);
        throw new AssertionError("unreachable");
    }

    private static void requireLocal(String host) {
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            skipOrFail("the PostgreSQL test server " + host + " is not on this machine; pg_ctlcluster cannot stop it");
        }
    }

    private static Path requireTool(String name) {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            skipOrFail(name + " is not on the PATH (Debian/Ubuntu: package postgresql-common / postgresql-client)");
        }
        return found.get();
    }

    /** The environment variable that allows this test to stop and restart the PostgreSQL server. */
    static final String OPT_IN = "REMOTE_STORE_RESTART_TESTS";

    /**
     * Stopping a developer's own server is never a surprise of a plain {@code verify}: this test runs only with
     * {@value #OPT_IN}{@code =true}, which {@code .ci/run} sets (and CI without it fails, as it must not skip).
     */
    private static void requireOptIn() {
        if (!"true".equalsIgnoreCase(System.getenv(OPT_IN))) {
            skipOrFail("it stops and restarts the PostgreSQL server; opt in with " + OPT_IN + "=true");
        }
    }

    private static void skipOrFail(String reason) {
        String message = "PostgresRestartTest needs a local PostgreSQL cluster it can stop: " + reason;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, and CI must not skip this test: " + message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    record Result(int exitCode, String output) {}

    private static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        // Output to a file, not a pipe: a server started in the background must not hold our pipe open.
        Path log = Files.createTempFile("pg-restart-", ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", command) + " timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
