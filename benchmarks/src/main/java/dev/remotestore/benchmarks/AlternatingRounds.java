package dev.remotestore.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Measures the operations of one subject in alternating rounds in one JVM: every round runs each operation for the
 * same time, one after the other, and the next round starts with the next operation. A ratio is taken within each
 * round and the report gives the median over the rounds: what the machine does meanwhile (two cores shared with
 * whatever else runs) touches both sides of a ratio alike, where JMH's forks, one after the other, can measure the
 * candidate in a quiet minute and its baseline in a busy one. JMH still does the warm-up discipline of every single
 * figure; this is the judge of the small margins (≤ 1.05×).
 *
 * <p>The subjects reuse the set-up of the JMH benchmark classes: {@code blob-sqlite} and {@code blob-postgresql}
 * ({@link BlobReadBenchmark}: {@code storeRead}, {@code jdbcRead}, {@code localRead}) and {@code composite}
 * ({@link CompositeReadBenchmark}, with {@code memoryDirectAgain}: the memory read once more under another name, whose
 * ratio to {@code memoryDirect} is the harness's own spread). {@link #measure} runs a subject in a child JVM with {@code -Xmx512m}, as the
 * JMH forks are.
 *
 * <pre>
 * AlternatingRounds &lt;subject&gt; &lt;objects&gt; &lt;warm-up rounds&gt; &lt;rounds&gt; &lt;milliseconds per operation and round&gt;
 * </pre>
 */
public final class AlternatingRounds {
    /** What a child JVM prints per operation and measured round: {@code R <round> <operation> <ops/s>}. */
    private static final String ROUND = "R";

    /** The operations of a subject, by name, and the benchmark's tear-down to run after them. */
    record Subject(Map<String, Callable<?>> operations, AutoCloseable tearDown) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            tearDown.close();
        }
    }

    /** Speeds (ops/s) of each operation, one per measured round, in round order. */
    record Rounds(String subject, Map<String, double[]> speeds) {
        /** The median over the rounds of candidate ÷ baseline speed, with the quartiles: {@code [p25, p50, p75]}. */
        double[] ratio(String candidate, String baseline) {
            double[] c = speeds.get(candidate);
            double[] b = speeds.get(baseline);
            double[] r = new double[c.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = c[i] / b[i];
            }
            Arrays.sort(r);
            return new double[] {quantile(r, 0.25), quantile(r, 0.5), quantile(r, 0.75)};
        }

        /** The median speed of an operation over the rounds. */
        double median(String operation) {
            double[] s = speeds.get(operation).clone();
            Arrays.sort(s);
            return quantile(s, 0.5);
        }

        int rounds() {
            return speeds.values().iterator().next().length;
        }
    }

    private static volatile long sink;

    private AlternatingRounds() {}

    static Subject subject(String name, int objects) throws Exception {
        switch (name) {
            case "blob-sqlite", "blob-postgresql" -> {
                BlobReadBenchmark b = new BlobReadBenchmark();
                b.db = name.substring("blob-".length());
                b.objects = objects;
                b.size = 10_240;
                b.setUp();
                Map<String, Callable<?>> ops = new LinkedHashMap<>();
                ops.put("storeRead", b::storeRead);
                ops.put("jdbcRead", b::jdbcRead);
                ops.put("localRead", b::localRead);
                return new Subject(ops, b::tearDown);
            }
            case "composite" -> {
                CompositeReadBenchmark b = new CompositeReadBenchmark();
                b.objects = objects;
                b.setUp();
                Map<String, Callable<?>> ops = new LinkedHashMap<>();
                ops.put("memoryDirect", b::memoryDirect);
                ops.put("memoryDirectAgain", b::memoryDirect); // the control: the same read as another operation
                ops.put("compositeHit", b::compositeHit);
                ops.put("localDirect", b::localDirect);
                ops.put("compositeFallthrough", b::compositeFallthrough);
                return new Subject(ops, b::tearDown);
            }
            default -> throw new IllegalArgumentException(
                    "unknown subject " + name + "; known: blob-sqlite, blob-postgresql, composite");
        }
    }

    /** The child JVM: measures one subject and prints a line per operation and round. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "use: AlternatingRounds <subject> <objects> <warm-up rounds> <rounds> <ms per operation and round>");
        }
        int objects = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long nanos = Long.parseLong(args[4]) * 1_000_000L;
        try (Subject subject = subject(args[0], objects)) {
            List<Map.Entry<String, Callable<?>>> ops =
                    new ArrayList<>(subject.operations().entrySet());
            Random order = new Random(1);
            for (int round = 0; round < warmup + rounds; round++) {
                // A new order every round: no operation always runs first, or right after the same other one.
                Collections.shuffle(ops, order);
                for (Map.Entry<String, Callable<?>> op : ops) {
                    double speed = opsPerSecond(op.getValue(), nanos);
                    if (round >= warmup) {
                        System.out.printf(Locale.ROOT, "%s %d %s %.3f%n", ROUND, round - warmup, op.getKey(), speed);
                    }
                }
            }
        }
    }

    /** How many times per second {@code op} runs, measured for {@code nanos}. */
    static double opsPerSecond(Callable<?> op, long nanos) throws Exception {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long n = 0;
        long consumed = 0;
        long now;
        do {
            Object result = op.call();
            consumed += result instanceof byte[] b ? b.length : 1;
            n++;
            now = System.nanoTime();
        } while (now < deadline);
        sink = consumed;
        return n * 1e9 / (now - start);
    }

    /**
     * Runs {@code subject} in a child JVM on this JVM's class path and collects its rounds.
     *
     * @throws IOException if the child fails (its output is in the message)
     */
    static Rounds measure(String subject, int objects, int warmup, int rounds, int millis)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AlternatingRounds.class.getName(),
                        subject,
                        String.valueOf(objects),
                        String.valueOf(warmup),
                        String.valueOf(rounds),
                        String.valueOf(millis))
                .redirectErrorStream(true);
        Process p = pb.start();
        Map<String, double[]> speeds = new LinkedHashMap<>();
        StringBuilder other = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals(ROUND)) {
                    speeds.computeIfAbsent(f[2], k -> new double[rounds])[Integer.parseInt(f[1])] =
                            Double.parseDouble(f[3]);
                } else {
                    other.append(line).append('\n');
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || speeds.isEmpty()) {
            throw new IOException("alternating rounds of " + subject + " failed (exit " + exit + "):\n" + other);
        }
        return new Rounds(subject, speeds);
    }

    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}
