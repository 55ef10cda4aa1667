package dev.remotestore.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite and prints the performance table of issue 15 as ratios between figures of the same run,
 * each with its target and whether it is met.
 *
 * <pre>
 * PerformanceReport [--short | --full] [--profile] [--out &lt;report.md&gt;] [--only &lt;text&gt;]
 * </pre>
 *
 * {@code --short} is the quick profile (one short warm-up, two short iterations, smaller populations: under ten
 * minutes on two cores); without it every benchmark runs with the settings of its class, as {@code BENCHMARKS.md}
 * reports. {@code --profile} adds async-profiler (the {@code tools.profiler:async-profiler} jar on the class path
 * carries its library) to every run: CPU flame graphs in {@code target/profile/}, when the library loads on this
 * machine. {@code --only} keeps the runs whose benchmark pattern contains the text ({@code AlternatingRounds/<subject>}
 * for the alternating ones). After the JMH runs, the blob and composite targets are measured once more in
 * {@link AlternatingRounds}, which takes each ratio within a round. Ratios of a short run are indicative only.
 */
public final class PerformanceReport {
    private static final String PACKAGE = PerformanceReport.class.getPackageName() + ".";

    /** What a ratio compares: speed (higher is better) or time (lower is better). */
    enum Kind {
        SPEED("≥"),
        TIME("≤");

        final String sign;

        Kind(String sign) {
            this.sign = sign;
        }
    }

    /** One figure of a run: a benchmark method with its parameters and thread count. */
    record Figure(String method, Map<String, String> params, int threads) {
        static Figure of(String method, String... params) {
            return new Figure(method, pairs(params), 1);
        }

        Figure threads(int n) {
            return new Figure(method, params, n);
        }

        boolean matches(RunResult r) {
            var p = r.getParams();
            if (!p.getBenchmark().equals(PACKAGE + method) || p.getThreads() != threads) {
                return false;
            }
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!e.getValue().equals(p.getParam(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A row of the report: candidate ÷ baseline, in the terms of {@code kind}, against an optional target. */
    record Row(String section, String label, Figure candidate, Figure baseline, Kind kind, Double target) {}

    /** A row measured in {@link AlternatingRounds}: two operations of one subject. */
    record AlternatingRow(String label, String subject, String candidate, String baseline, Kind kind, Double target) {}

    /** The subjects measured in alternating rounds, after the JMH runs. */
    static final List<String> ALTERNATING = List.of("blob-sqlite", "blob-postgresql", "composite");

    private PerformanceReport() {}

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean quick = false;
        boolean profile = false;
        Path out = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short", "--mode=short" -> quick = true;
                case "--full", "--mode=full" -> quick = false;
                case "--profile" -> profile = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--short | --full] [--profile] [--out <report.md>] [--only <text>]");
            }
        }
        Instant started = Instant.now();
        Path profiler = profile ? profilerLibrary() : null;
        List<RunResult> results = new ArrayList<>();
        for (Run r : runs(quick)) {
            if (only != null && !r.pattern().contains(only)) {
                continue;
            }
            ChainedOptionsBuilder run = r.options();
            if (quick) {
                // 97 trials: forks and set-ups cost more than the iterations (9 min 20 s with 0.5 s + 2 × 0.75 s).
                run.warmupIterations(1)
                        .warmupTime(TimeValue.milliseconds(400))
                        .measurementIterations(2)
                        .measurementTime(TimeValue.milliseconds(600));
            }
            if (profiler != null) {
                ChainedOptionsBuilder profiled = new OptionsBuilder()
                        .parent(run.build())
                        .addProfiler(
                                "async",
                                "libPath=" + profiler + ";event=cpu;interval=1000000;output=flamegraph;dir="
                                        + Path.of("target", "profile").toAbsolutePath());
                try {
                    results.addAll(new Runner(profiled.build()).run());
                    continue;
                } catch (RunnerException | RuntimeException e) {
                    if (!results.isEmpty()) {
                        throw e; // it loaded before: this is the benchmark's failure, not the profiler's
                    }
                    System.err.println("async-profiler does not load here (" + e + "): running without profiles");
                    profiler = null;
                }
            }
            results.addAll(new Runner(run.build()).run());
        }
        List<AlternatingRounds.Rounds> rounds = new ArrayList<>();
        for (String subject : ALTERNATING) {
            if (only == null || ("AlternatingRounds/" + subject).contains(only)) {
                System.out.println("# alternating rounds: " + subject);
                rounds.add(
                        quick
                                ? AlternatingRounds.measure(subject, 1000, 3, 10, 150)
                                : AlternatingRounds.measure(subject, 10_000, 5, 40, 500));
            }
        }
        String report = render(results, rounds, quick, Duration.between(started, Instant.now()));
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    /** One JMH run of the report: the benchmarks matching {@code pattern}, with further options. */
    record Run(String pattern, ChainedOptionsBuilder options) {
        static Run of(String pattern) {
            return new Run(pattern, new OptionsBuilder().include(PACKAGE + pattern));
        }

        Run param(String name, String... values) {
            options.param(name, values);
            return this;
        }

        Run threads(int n) {
            options.threads(n);
            return this;
        }
    }

    /** The JMH runs of the report: each benchmark class with the parameters and thread counts its rows need. */
    static List<Run> runs(boolean quick) {
        String objects = quick ? "1000" : "10000";
        List<Run> runs = new ArrayList<>();
        runs.add(Run.of("BlobReadBenchmark\\.")
                .param("db", "sqlite", "postgresql")
                .param("objects", objects)
                .threads(1));
        for (int threads : new int[] {2, 8}) {
            runs.add(Run.of("BlobReadBenchmark\\.storeRead")
                    .param("db", "sqlite", "postgresql")
                    .param("objects", objects)
                    .threads(threads));
        }
        runs.add(Run.of("CompositeReadBenchmark\\.").param("objects", objects));
        String exports = "\\.(jdbcRowsBaseline|arrowFile|parquet|csv)$";
        runs.add(Run.of("QueryExportBenchmark" + exports));
        runs.add(Run.of("SqliteExportBenchmark" + exports));
        runs.add(Run.of("SerializerBenchmark\\.(arrowFile|parquet|csv)$"));
        // Last: in one full run the composite's forks, right after its thousands of server writes, measured a hit at
        // 1.47× the direct read (1.07× when run alone minutes later; 1.02× in alternating rounds of the same run).
        runs.add(Run.of("BlobSizesBenchmark\\.").param("budget", String.valueOf(quick ? 4 << 20 : 128 << 20)));
        return runs;
    }

    /** The rows of the report, in the order of the table, then the suite's further measures. */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String target = "Targets of issue 15";
        for (String db : new String[] {"sqlite", "postgresql"}) {
            rows.add(new Row(
                    target,
                    name(db) + " blob store reads ÷ the same SELECT by hand on a HikariCP pool (ops/s)",
                    Figure.of("BlobReadBenchmark.storeRead", "db", db),
                    Figure.of("BlobReadBenchmark.jdbcRead", "db", db),
                    Kind.SPEED,
                    0.95));
        }
        rows.add(new Row(
                target,
                "SQLite blob store reads ÷ LocalBackend reads of the same objects",
                Figure.of("BlobReadBenchmark.storeRead", "db", "sqlite"),
                Figure.of("BlobReadBenchmark.localRead", "db", "sqlite"),
                Kind.SPEED,
                1.35));
        rows.add(new Row(
                target,
                "PostgreSQL blob store reads ÷ LocalBackend reads",
                Figure.of("BlobReadBenchmark.storeRead", "db", "postgresql"),
                Figure.of("BlobReadBenchmark.localRead", "db", "postgresql"),
                Kind.SPEED,
                0.35));
        rows.add(new Row(
                target,
                "composite read hitting the first tier (memory) ÷ that tier directly (time)",
                Figure.of("CompositeReadBenchmark.compositeHit"),
                Figure.of("CompositeReadBenchmark.memoryDirect"),
                Kind.TIME,
                1.05));
        rows.add(new Row(
                target,
                "composite read falling through to the second tier (local) ÷ that tier directly (time)",
                Figure.of("CompositeReadBenchmark.compositeFallthrough"),
                Figure.of("CompositeReadBenchmark.localDirect"),
                Kind.TIME,
                1.10));
        String[][] formats = {{"arrowFile", "Arrow", "0.95"}, {"parquet", "Parquet", "0.85"}, {"csv", "CSV", "0.80"}};
        for (String[] db :
                new String[][] {{"SqliteExportBenchmark", "SQLite"}, {"QueryExportBenchmark", "PostgreSQL"}}) {
            for (String[] f : formats) {
                rows.add(new Row(
                        target,
                        db[1] + " export speed ÷ a bare JDBC scan of the same query: " + f[1],
                        Figure.of(db[0] + "." + f[0], "prefetch", "true"),
                        Figure.of(db[0] + ".jdbcRowsBaseline", "prefetch", "true"),
                        Kind.SPEED,
                        Double.valueOf(f[2])));
            }
        }
        String overlap = "Exports before the overlap (prefetch=false), speed ÷ the scan";
        for (String[] db :
                new String[][] {{"SqliteExportBenchmark", "SQLite"}, {"QueryExportBenchmark", "PostgreSQL"}}) {
            for (String[] f : formats) {
                rows.add(new Row(
                        overlap,
                        db[1] + " " + f[1] + " without prefetch",
                        Figure.of(db[0] + "." + f[0], "prefetch", "false"),
                        Figure.of(db[0] + ".jdbcRowsBaseline", "prefetch", "false"),
                        Kind.SPEED,
                        null));
            }
        }
        String encoding = "Encoding alone (SerializerBenchmark, 200,000 generated rows) ÷ the PostgreSQL scan (time)";
        for (String[] f : formats) {
            rows.add(new Row(
                    encoding,
                    f[1] + " encoder alone ÷ the PostgreSQL scan: above 1, an overlapped export cannot reach the scan",
                    Figure.of("SerializerBenchmark." + f[0]),
                    Figure.of("QueryExportBenchmark.jdbcRowsBaseline", "prefetch", "true"),
                    Kind.TIME,
                    null));
        }
        String sizes = "Blob reads and writes ÷ hand-written JDBC on a pool of the same URL (ops/s)";
        for (String db : new String[] {"sqlite", "h2", "postgresql", "mariadb"}) {
            for (String size : new String[] {"1024", "10240", "102400", "1048576"}) {
                for (String op : new String[] {"Read", "Write"}) {
                    rows.add(new Row(
                            sizes,
                            name(db) + " " + op.toLowerCase(Locale.ROOT) + " of " + human(size),
                            Figure.of("BlobSizesBenchmark.store" + op, "db", db, "size", size),
                            Figure.of("BlobSizesBenchmark.jdbc" + op, "db", db, "size", size),
                            Kind.SPEED,
                            null));
                }
            }
        }
        String scaling = "Read scaling: storeRead on N threads ÷ on 1 thread (ops/s; two cores here)";
        for (String db : new String[] {"sqlite", "postgresql"}) {
            for (int n : new int[] {2, 8}) {
                rows.add(new Row(
                        scaling,
                        name(db) + ", " + n + " threads",
                        Figure.of("BlobReadBenchmark.storeRead", "db", db).threads(n),
                        Figure.of("BlobReadBenchmark.storeRead", "db", db),
                        Kind.SPEED,
                        null));
            }
        }
        return rows;
    }

    /** The blob and composite rows again, each ratio taken within alternating rounds of one JVM. */
    static List<AlternatingRow> alternatingRows() {
        List<AlternatingRow> rows = new ArrayList<>();
        for (String db : new String[] {"sqlite", "postgresql"}) {
            rows.add(new AlternatingRow(
                    name(db) + " blob store reads ÷ the same SELECT by hand (ops/s)",
                    "blob-" + db,
                    "storeRead",
                    "jdbcRead",
                    Kind.SPEED,
                    0.95));
        }
        rows.add(new AlternatingRow(
                "SQLite blob store reads ÷ LocalBackend reads",
                "blob-sqlite",
                "storeRead",
                "localRead",
                Kind.SPEED,
                1.35));
        rows.add(new AlternatingRow(
                "PostgreSQL blob store reads ÷ LocalBackend reads",
                "blob-postgresql",
                "storeRead",
                "localRead",
                Kind.SPEED,
                0.35));
        rows.add(new AlternatingRow(
                "SQLite: the hand-written SELECT ÷ LocalBackend reads (the ceiling of the row above)",
                "blob-sqlite",
                "jdbcRead",
                "localRead",
                Kind.SPEED,
                null));
        rows.add(new AlternatingRow(
                "PostgreSQL: the hand-written SELECT ÷ LocalBackend reads (the ceiling of the row above)",
                "blob-postgresql",
                "jdbcRead",
                "localRead",
                Kind.SPEED,
                null));
        rows.add(new AlternatingRow(
                "composite read hitting the first tier (memory) ÷ that tier directly (time)",
                "composite",
                "compositeHit",
                "memoryDirect",
                Kind.TIME,
                1.05));
        rows.add(new AlternatingRow(
                "composite read falling through to the second tier (local) ÷ that tier directly (time)",
                "composite",
                "compositeFallthrough",
                "localDirect",
                Kind.TIME,
                1.10));
        rows.add(new AlternatingRow(
                "control: the memory tier's read ÷ the same read under another name (time; the harness's spread)",
                "composite",
                "memoryDirectAgain",
                "memoryDirect",
                Kind.TIME,
                null));
        return rows;
    }

    static String render(
            Collection<RunResult> results, List<AlternatingRounds.Rounds> rounds, boolean quick, Duration took) {
        StringBuilder s = new StringBuilder();
        s.append("# Performance report (")
                .append(quick ? "short profile" : "full settings")
                .append(", ")
                .append(took.toMinutes())
                .append(" min ")
                .append(took.toSecondsPart())
                .append(" s)\n");
        String section = null;
        for (Row row : rows()) {
            Optional<RunResult> c = find(results, row.candidate()::matches);
            Optional<RunResult> b = find(results, row.baseline()::matches);
            if (c.isEmpty() || b.isEmpty()) {
                continue; // not run (--only)
            }
            if (!row.section().equals(section)) {
                section = row.section();
                s.append("\n## ")
                        .append(section)
                        .append("\n\n| measure | candidate | baseline | ratio | target |\n|---|---|---|---|---|\n");
            }
            double ratio = ratio(row.kind(), c.get().getPrimaryResult(), b.get().getPrimaryResult());
            s.append("| ")
                    .append(row.label())
                    .append(" | ")
                    .append(score(c.get().getPrimaryResult()))
                    .append(" | ")
                    .append(score(b.get().getPrimaryResult()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f%s", ratio, row.kind() == Kind.TIME ? "×" : ""))
                    .append(" | ")
                    .append(verdict(row.kind(), row.target(), ratio))
                    .append(" |\n");
        }
        renderAlternating(s, rounds);
        return s.toString();
    }

    private static void renderAlternating(StringBuilder s, List<AlternatingRounds.Rounds> rounds) {
        boolean header = false;
        for (AlternatingRow row : alternatingRows()) {
            Optional<AlternatingRounds.Rounds> r = rounds.stream()
                    .filter(x -> x.subject().equals(row.subject()))
                    .findFirst();
            if (r.isEmpty()) {
                continue;
            }
            if (!header) {
                header = true;
                s.append("\n## Alternating rounds: the blob and composite targets, each ratio taken within a round\n\n")
                        .append(
                                "One JVM per subject, every operation measured for the same time in each round, in a new")
                        .append(" order every round; the ratio is the median over ")
                        .append(r.get().rounds())
                        .append(" rounds, [first–third quartile].\n\n")
                        .append(
                                "| measure | candidate | baseline | ratio [quartiles] | target |\n|---|---|---|---|---|\n");
            }
            double[] q = r.get().ratio(row.candidate(), row.baseline()); // speed: p25, p50, p75
            double[] shown = row.kind() == Kind.SPEED ? q : new double[] {1 / q[2], 1 / q[1], 1 / q[0]};
            String unit = row.kind() == Kind.TIME ? "×" : "";
            s.append("| ")
                    .append(row.label())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f ops/s", r.get().median(row.candidate())))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f ops/s", r.get().median(row.baseline())))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f%s [%.2f–%.2f]", shown[1], unit, shown[0], shown[2]))
                    .append(" | ")
                    .append(verdict(row.kind(), row.target(), shown[1]))
                    .append(" |\n");
        }
    }

    /** Candidate ÷ baseline as speed (ops per time) for SPEED rows, as time per operation for TIME rows. */
    static double ratio(Kind kind, Result<?> candidate, Result<?> baseline) {
        double c = speed(candidate);
        double b = speed(baseline);
        return kind == Kind.SPEED ? c / b : b / c;
    }

    /** Operations per second, whether the result is a throughput or an average time. */
    static double speed(Result<?> r) {
        String unit = r.getScoreUnit();
        double score = r.getScore();
        boolean throughput = unit.startsWith("ops/");
        String time = throughput ? unit.substring(4) : unit.substring(0, unit.indexOf('/'));
        double seconds =
                switch (time) {
                    case "s" -> 1;
                    case "ms" -> 1e-3;
                    case "us" -> 1e-6;
                    case "ns" -> 1e-9;
                    case "min" -> 60;
                    default -> throw new IllegalArgumentException("unknown time unit in " + unit);
                };
        return throughput ? score / seconds : 1 / (score * seconds);
    }

    private static String verdict(Kind kind, Double target, double ratio) {
        if (target == null) {
            return "—";
        }
        boolean met = kind == Kind.SPEED ? ratio >= target : ratio <= target;
        return kind.sign + " " + target + (kind == Kind.TIME ? "×" : "") + ": " + (met ? "met" : "**missed**");
    }

    private static String score(Result<?> r) {
        return String.format(Locale.ROOT, "%,.1f ± %,.1f %s", r.getScore(), r.getScoreError(), r.getScoreUnit());
    }

    private static Optional<RunResult> find(Collection<RunResult> results, Predicate<RunResult> filter) {
        return results.stream().filter(filter).findFirst();
    }

    /**
     * async-profiler's library for this machine, copied out of its jar to {@code target/}, or {@code null} (with a
     * message) where it has none: such a machine still gets its report, without profiles (also where it does not
     * load).
     */
    private static Path profilerLibrary() throws IOException {
        String arch = System.getProperty("os.arch");
        String platform = !System.getProperty("os.name").startsWith("Linux")
                ? null
                : arch.equals("amd64") || arch.equals("x86_64")
                        ? "linux-x64"
                        : arch.equals("aarch64") ? "linux-arm64" : null;
        PrintStream err = System.err;
        try (var in = platform == null
                ? null
                : PerformanceReport.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                err.println("no async-profiler library for " + System.getProperty("os.name") + "/" + arch
                        + ": running without profiles");
                return null;
            }
            Path lib = Path.of("target", "async-profiler", platform, "libasyncProfiler.so")
                    .toAbsolutePath();
            Files.createDirectories(lib.getParent());
            Files.copy(in, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return lib;
        }
    }

    private static String name(String db) {
        return switch (db) {
            case "sqlite" -> "SQLite";
            case "h2" -> "H2";
            case "postgresql" -> "PostgreSQL";
            case "mariadb" -> "MariaDB";
            default -> db;
        };
    }

    private static String human(String bytes) {
        long n = Long.parseLong(bytes);
        return n >= 1 << 20 ? (n >> 20) + " MB" : (n >> 10) + " KB";
    }

    private static Map<String, String> pairs(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
