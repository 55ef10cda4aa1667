package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A writer process killed with SIGKILL ({@link Process#destroyForcibly()}) in the middle of
 * {@code writeAtomic(…, OVERWRITE)} leaves the old content intact and readable, and nothing else in the table.
 *
 * <p>{@code SqlBlobBackend} reads the whole content into its spool before any statement runs, so a writer killed
 * while its (endless) content is still being read has not touched the database yet ({@link #killedWhileSpooling}).
 * {@link #killedWhileStatementInFlight} kills the writer later, while the driver is sending the spooled content as
 * a parameter of the upsert inside the backend's transaction: there the database has to roll back.
 */
class SqlBlobCrashTest {
    private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = "reports/report.bin";

    @TempDir
    Path tmp;

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTestTables();
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    @DisplayName("a writer killed while its endless content is being read leaves the old content")
    void killedWhileSpooling(TestDatabase db) throws Exception {
        String table = TestDatabase.newTableName();
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        try (Store store = Store.of(
                SqlBlobBackend.builder().dataSource(db.pool()).table(table).build())) {
            store.write(KEY, OLD);

            killMidWrite(db, table, childTmp, "spool", store);

            assertOldContentOnly(store);
            try (Stream<Path> leftovers = Files.list(childTmp)) {
                // the killed writer's spool file stays behind in its java.io.tmpdir, invisible to the store
                assertThat(leftovers.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("remote-store-") && n.endsWith(".spool"));
            }
            assertWritableAgain(store);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabase.class,
            names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    @DisplayName("a writer killed while the driver sends the content inside the transaction leaves the old content")
    void killedWhileStatementInFlight(TestDatabase db) throws Exception {
        String table = TestDatabase.newTableName();
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        try (Store store = Store.of(
                SqlBlobBackend.builder().dataSource(db.pool()).table(table).build())) {
            store.write(KEY, OLD);

            killMidWrite(db, table, childTmp, "statement", store);

            assertOldContentOnly(store);
            assertWritableAgain(store);
        }
    }

    /** Starts the writer, waits for its line, checks readers still see the old content, and kills it. */
    private static void killMidWrite(TestDatabase db, String table, Path childTmp, String mode, Store store)
            throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + childTmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SlowWriter.class.getName(),
                        mode,
                        db.url(),
                        db.user() == null ? "" : db.user(),
                        db.password() == null ? "" : db.password(),
                        table,
                        KEY)
                .redirectErrorStream(true)
                .start();
        try {
            String line = readLine(writer.getInputStream());
            assertThat(line).as("the writer's first line").isEqualTo("writing");
            // while the write is in flight, readers see the old content
            assertThat(store.readBytes(KEY)).isEqualTo(OLD);
        } finally {
            writer.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs in the writer
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /** One line of the child's output (all of it when the child dies before printing one). */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        if (!line.toString().equals("writing")) {
            line.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return line.toString();
    }

    private static void assertOldContentOnly(Store store) {
        assertThat(store.readBytes(KEY)).isEqualTo(OLD);
        assertThat(store.getFileInfo(KEY).size()).isEqualTo(OLD.length);
        assertThat(paths(store.listFiles("", ListOption.RECURSIVE))).containsExactly(KEY);
        assertThat(store.listFolders("")).containsExactly("reports");
    }

    /** The killed writer holds no lock: the key can be overwritten at once (bounded by a timeout). */
    private static void assertWritableAgain(Store store) throws InterruptedException {
        byte[] next = "next".getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> store.writeAtomic(KEY, next, WriteOption.OVERWRITE));
        Throwable[] failure = new Throwable[1];
        writer.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        writer.setDaemon(true);
        writer.start();
        writer.join(Duration.ofSeconds(20).toMillis());
        assertThat(writer.isAlive())
                .as("overwriting after the kill blocked for 20 s (a lock of the dead writer?)")
                .isFalse();
        if (failure[0] != null) {
            throw new AssertionError("overwriting after the kill failed", failure[0]);
        }
        assertThat(store.readBytes(KEY)).isEqualTo(next);
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    /**
     * The writer process. Arguments: mode ({@code spool} or {@code statement}), JDBC URL, user ("" for none),
     * password ("" for none), table, key. Prints {@code writing} once the write is under way, then never finishes.
     *
     * <ul>
     *   <li>{@code spool}: {@code writeAtomic} from an endless, slow content stream; the line comes after 2 MiB,
     *       when the backend's spool has moved to a temporary file.
     *   <li>{@code statement}: {@code writeAtomic} of 8 MiB that the backend spools at once; the parameter stream the
     *       driver reads while executing the upsert is slowed down (a pool wrapper), and the line comes after the
     *       driver has read 1 MiB of it, inside the backend's transaction.
     * </ul>
     */
    public static final class SlowWriter {
        private static final int LINE_AFTER_SPOOL = 2 << 20;
        private static final int LINE_AFTER_STATEMENT = 1 << 20;

        public static void main(String[] args) {
            String mode = args[0];
            DataSource pool = HikariPools.create(new HikariPools.Settings(
                    args[1],
                    args[2].isEmpty() ? null : args[2],
                    args[3].isEmpty() ? null : args[3],
                    2,
                    Duration.ofSeconds(10)));
            DataSource dataSource = mode.equals("statement") ? slowParameters(pool) : pool;
            Store store = Store.of(SqlBlobBackend.builder()
                    .dataSource(dataSource)
                    .table(args[4])
                    .createTable(false)
                    .build());
            InputStream content = mode.equals("statement") ? new Endless(8L << 20, -1, false) : endlessSlow();
            store.writeAtomic(args[5], content, WriteOption.OVERWRITE);
            System.out.print("finished\n"); // never reached: the parent kills this process first
            System.out.flush();
        }

        private static InputStream endlessSlow() {
            return new Endless(Long.MAX_VALUE, LINE_AFTER_SPOOL, true);
        }

        /** A pool whose prepared statements slow down every binary stream parameter the driver reads. */
        private static DataSource slowParameters(DataSource pool) {
            return proxy(DataSource.class, pool, (target, method, args) -> {
                Object result = invoke(target, method, args);
                if (result instanceof Connection c) {
                    return proxy(Connection.class, c, (ct, cm, ca) -> {
                        Object r = invoke(ct, cm, ca);
                        if (r instanceof PreparedStatement ps) {
                            return proxy(PreparedStatement.class, ps, (pt, pm, pa) -> {
                                if (pm.getName().equals("setBinaryStream") && pa[1] instanceof InputStream in) {
                                    pa[1] = new SlowParameter(in);
                                }
                                return invoke(pt, pm, pa);
                            });
                        }
                        return r;
                    });
                }
                return result;
            });
        }

        private interface Handler<T> {
            Object handle(T target, Method method, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
            InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** The driver's view of the spooled content: fast for 1 MiB, then a trickle, after the line. */
        private static final class SlowParameter extends FilterInputStream {
            private long sent;
            private boolean announced;

            SlowParameter(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= LINE_AFTER_STATEMENT) {
                    announce();
                    pause(20);
                    len = Math.min(len, 1024);
                }
                int n = super.read(b, off, (int) Math.min(len, Math.max(1, LINE_AFTER_STATEMENT - sent)));
                if (n > 0) {
                    sent += n;
                }
                return n;
            }

            private void announce() {
                if (!announced) {
                    announced = true;
                    System.out.print("writing\n");
                    System.out.flush();
                }
            }
        }

        /** {@code size} bytes of {@code 'n'}; with {@code slow}, a trickle after {@code lineAfter} bytes. */
        private static final class Endless extends InputStream {
            private final long size;
            private final long lineAfter;
            private final boolean slow;
            private long sent;

            Endless(long size, long lineAfter, boolean slow) {
                this.size = size;
                this.lineAfter = lineAfter;
                this.slow = slow;
            }

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                if (lineAfter >= 0 && sent >= lineAfter) {
                    if (sent - len < lineAfter) {
                        System.out.print("writing\n");
                        System.out.flush();
                    }
                    if (slow) {
                        pause(1);
                        len = Math.min(len, 1024);
                    }
                }
                int n = (int) Math.min(len, size - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 'n');
                sent += n;
                return n;
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
