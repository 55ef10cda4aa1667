package dev.remotestore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one root: the publish lock is a lock of the file system, not only of one JVM. */
class LocalBackendProcessesTest {
    private static final int KEYS = 200;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("LOCAL-006: of two processes creating the same keys, exactly one wins each key")
    void creatorsInTwoProcessesNeverBothWin() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Creator.class.getName(),
                        root.toString(),
                        "child")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader childOut =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(childOut.readLine()).isEqualTo("ready");
            OutputStream go = child.getOutputStream();
            go.write('\n');
            go.flush();
            List<Boolean> parentWon = create(root, "parent");
            List<String> childLines = new ArrayList<>();
            for (String line; (line = childOut.readLine()) != null; ) {
                childLines.add(line);
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(childLines).hasSize(KEYS);

            Store store = Store.of(new LocalBackend(root));
            int contested = 0;
            for (int i = 0; i < KEYS; i++) {
                boolean childWon = childLines.get(i).equals("won");
                assertThat(parentWon.get(i) ^ childWon)
                        .as("key %d: exactly one creator wins (parent %s, child %s)", i, parentWon.get(i), childWon)
                        .isTrue();
                String content = new String(store.readBytes("k" + i), StandardCharsets.UTF_8);
                assertThat(content).isEqualTo(childWon ? "child" : "parent");
                contested += childWon ? 1 : 0;
            }
            assertThat(contested)
                    .as("the child won some keys, so the two really raced")
                    .isPositive();
            store.close();
        } finally {
            child.destroyForcibly();
        }
    }

    /** Creates k0…k(KEYS-1) without OVERWRITE; the publish pauses between its check and its rename. */
    static List<Boolean> create(Path root, String who) {
        LocalBackend backend = new LocalBackend(root);
        // A wide window between the check and the rename: without a lock across processes, both would win.
        backend.beforeRename = () -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        Store store = Store.of(backend);
        List<Boolean> won = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            try {
                store.write("k" + i, who.getBytes(StandardCharsets.UTF_8));
                won.add(true);
            } catch (AlreadyExistsException e) {
                won.add(false);
            }
        }
        store.close();
        return won;
    }

    /** The child process: says "ready", waits for a line, creates the keys and prints "won" or "lost" for each. */
    public static final class Creator {
        public static void main(String[] args) throws IOException {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            Path root = Path.of(args[0]);
            new LocalBackend(root).close(); // load and warm up before the start signal
            out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (boolean won : create(root, args[1])) {
                out.println(won ? "won" : "lost");
            }
        }
    }
}
