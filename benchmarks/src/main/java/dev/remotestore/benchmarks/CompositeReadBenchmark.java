package dev.remotestore.benchmarks;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a composite costs per read, against reading its tier directly in the same run: a composite of a memory tier
 * (holding {@code hot/…} keys) and a local tier (holding {@code warm/…} keys, absent from the memory tier). A read
 * of a hot key hits the first tier ({@code compositeHit} ÷ {@code memoryDirect}); a read of a warm key falls through
 * to the second ({@code compositeFallthrough} ÷ {@code localDirect}). 10,000 objects of 10 KB per tier, read in a
 * shuffled order. Targets: ≤ 1.05× and ≤ 1.10× the direct time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class CompositeReadBenchmark {
    /** How many objects each tier holds (10,000 as the issue measures; the short profile uses fewer). */
    @Param({"10000"})
    public int objects;

    private Path dir;
    private Store memory;
    private Store local;
    private CompositeStore composite;
    private String[] hot;
    private String[] warm;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("rs-bench-composite");
        memory = Store.of(new MemoryBackend());
        local = Store.of(new LocalBackend(dir));
        composite = CompositeStore.builder()
                .tier(Tier.of("memory", memory))
                .tier(Tier.of("local", local))
                .build();
        Random random = new Random(7);
        byte[] content = new byte[10_240];
        hot = new String[objects];
        warm = new String[objects];
        for (int i = 0; i < objects; i++) {
            hot[i] = "hot/folder" + (i % 100) + "/object" + i + ".bin";
            warm[i] = "warm/folder" + (i % 100) + "/object" + i + ".bin";
            random.nextBytes(content);
            memory.write(hot[i], content);
            local.write(warm[i], content);
        }
        BlobReadBenchmark.shuffle(hot, random);
        BlobReadBenchmark.shuffle(warm, random);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        composite.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == objects ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] memoryDirect() {
        return memory.readBytes(hot[nextIndex()]);
    }

    @Benchmark
    public byte[] compositeHit() {
        return composite.readBytes(hot[nextIndex()]);
    }

    @Benchmark
    public byte[] localDirect() {
        return local.readBytes(warm[nextIndex()]);
    }

    @Benchmark
    public byte[] compositeFallthrough() {
        return composite.readBytes(warm[nextIndex()]);
    }
}
