package dev.remotestore.benchmarks;

import dev.remotestore.Store;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.s3.S3Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
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
 * Whole-object reads through {@link S3Backend} from S3Proxy (in-memory blob store, loopback HTTP, in this JVM)
 * against {@link LocalBackend} reading the same objects from a local directory, in the same run. The ratio shows
 * what the S3 protocol path costs (HTTP, signing, XML-free GET) over a local file read, not what a network costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class S3ReadBenchmark {
    private static final int FILES = 16;
    private static final String ACCESS = "bench-access";
    private static final String SECRET = "bench-secret";
    private static final String BUCKET = "bench";

    /** Object size in bytes: a small record and a 1 MiB file. */
    @Param({"4096", "1048576"})
    public int size;

    private S3Proxy proxy;
    private Path dir;
    private Store local;
    private Store s3;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        S3Backend backend = S3Backend.builder()
                .bucket(BUCKET)
                .endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .pathStyle(true)
                .credentials(ACCESS, SECRET)
                .build();
        backend.unwrap(software.amazon.awssdk.services.s3.S3Client.class)
                .orElseThrow()
                .createBucket(b -> b.bucket(BUCKET));
        s3 = Store.of(backend);
        dir = Files.createTempDirectory("rs-bench-s3-");
        local = Store.of(new LocalBackend(dir));
        Random random = new Random(42);
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            s3.write(key(i), content);
            local.write(key(i), content);
        }
    }

    private static String key(int i) {
        return "objects/" + i + ".bin";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        s3.close();
        local.close();
        proxy.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long drain(InputStream in) throws IOException {
        try (in) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Baseline: the same objects from a local directory. */
    @Benchmark
    public long localReadBaseline() throws IOException {
        return drain(local.read(key(next++ % FILES)));
    }

    @Benchmark
    public long s3Read() throws IOException {
        return drain(s3.read(key(next++ % FILES)));
    }

    /** 4 KiB from the middle of the object via an HTTP Range. */
    @Benchmark
    public long s3ReadRange4KiB() throws IOException {
        return drain(s3.readRange(key(next++ % FILES), size / 2, 4096));
    }
}
