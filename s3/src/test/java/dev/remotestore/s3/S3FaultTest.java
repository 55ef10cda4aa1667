package dev.remotestore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.StoreConformanceTest.FailingInput;
import dev.remotestore.testkit.StoreConformanceTest.GeneratedInput;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Faults and S3 specifics: multipart uploads, interrupted uploads, a wrong bucket, wrong credentials. */
class S3FaultTest {
    private static final int PART = S3Backend.MIN_PART_SIZE;
    private static final S3Client RAW = S3TestServer.client(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);

    private S3Backend backend;
    private Store store;

    @BeforeEach
    void open() {
        backend = S3TestServer.backend().partSize(PART).build();
        store = Store.of(backend);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @AfterAll
    static void closeRaw() {
        RAW.close();
    }

    private List<MultipartUpload> uploadsUnder(String objectKey) {
        return RAW.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET).prefix(objectKey))
                .uploads();
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStreamNull.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** An output stream that drops everything. */
    private static final class OutputStreamNull {
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }

    @Test
    @DisplayName("an object larger than the part size goes up in parts and reads back whole")
    void multipartUploadOfUnknownLength() throws Exception {
        long size = 2L * PART + 12345;
        store.write("big/blob.bin", new GeneratedInput(size, 7), WriteOption.contentType("application/x-test"));
        assertThat(store.getFileInfo("big/blob.bin").size()).hasValue(size);
        assertThat(store.getFileInfo("big/blob.bin").contentType()).hasValue("application/x-test");
        assertThat(sha256(store.read("big/blob.bin"))).isEqualTo(sha256(new GeneratedInput(size, 7)));
        // a multipart ETag ("…-3") is no SHA-256: it is reported as extra, never as the digest
        assertThat(store.getFileInfo("big/blob.bin").digest()).isEmpty();
        assertThat(store.getFileInfo("big/blob.bin").extra()).containsKey("s3.etag");
        assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("big/blob.bin"))))
                .isEmpty();
        byte[] all = store.readBytes("big/blob.bin");
        try (InputStream in = store.readRange("big/blob.bin", PART - 10, 20)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, PART - 10, PART + 10));
        }
    }

    @Test
    @DisplayName("a create-only multipart write onto an existing object fails and leaves no upload behind")
    void createOnlyMultipartKeepsTheOldObject() {
        store.write("mp/x.bin", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> store.write("mp/x.bin", new GeneratedInput(PART + 1, 1)))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(store.readBytes("mp/x.bin")).containsExactly(1, 2, 3);
        assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("mp/x.bin"))))
                .isEmpty();
    }

    @Test
    @DisplayName("an upload interrupted after two parts leaves no object and no multipart upload")
    void interruptedUploadLeavesNothing() {
        Throwable thrown = catchThrowable(() -> store.write("cut/new.bin", new FailingInput(2L * PART + 100)));
        assertThat(thrown).isInstanceOf(RemoteStoreException.class).hasCauseInstanceOf(IOException.class);
        assertThat(store.exists("cut/new.bin")).isFalse();
        assertThat(store.exists("cut")).isFalse();
        assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("cut/new.bin"))))
                .as("multipart uploads left after the failure")
                .isEmpty();
    }

    @Test
    @DisplayName("an interrupted overwrite keeps the old content")
    void interruptedOverwriteKeepsOldContent() {
        store.write("cut/old.bin", new byte[] {9});
        assertThatThrownBy(() -> store.write("cut/old.bin", new FailingInput(PART + 1), WriteOption.OVERWRITE))
                .isInstanceOf(RemoteStoreException.class);
        assertThat(store.readBytes("cut/old.bin")).containsExactly(9);
        assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("cut/old.bin"))))
                .isEmpty();
    }

    @Test
    @DisplayName("an atomic output closed without commit after a part was sent aborts its upload")
    void discardedAtomicOutputAbortsTheUpload() throws Exception {
        try (AtomicOutput out = store.openAtomic("atomic/x.bin")) {
            out.write(new byte[PART + 10]);
            assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("atomic/x.bin"))))
                    .as("the first part went up while writing")
                    .hasSize(1);
        }
        assertThat(store.exists("atomic/x.bin")).isFalse();
        assertThat(uploadsUnder(backend.objectKey(dev.remotestore.RemotePath.of("atomic/x.bin"))))
                .isEmpty();
    }

    @Test
    @DisplayName("the server refuses If-None-Match: * on an existing key, for PUT and for CompleteMultipartUpload")
    void serverHonoursIfNoneMatch() {
        String key = backend.objectKey(dev.remotestore.RemotePath.of("cond/x.bin"));
        RAW.putObject(b -> b.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString("first"));
        Throwable put = catchThrowable(() -> RAW.putObject(
                b -> b.bucket(S3TestServer.BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("second")));
        assertThat(put).isInstanceOf(S3Exception.class);
        assertThat(((S3Exception) put).statusCode()).isEqualTo(412);

        String uploadId = RAW.createMultipartUpload(
                        b -> b.bucket(S3TestServer.BUCKET).key(key))
                .uploadId();
        String etag = RAW.uploadPart(
                        b -> b.bucket(S3TestServer.BUCKET)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromString("part"))
                .eTag();
        Throwable complete = catchThrowable(() -> RAW.completeMultipartUpload(b -> b.bucket(S3TestServer.BUCKET)
                .key(key)
                .uploadId(uploadId)
                .ifNoneMatch("*")
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        RAW.abortMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(key).uploadId(uploadId));
        assertThat(complete).isInstanceOf(S3Exception.class);
        assertThat(((S3Exception) complete).statusCode()).isEqualTo(412);
        assertThat(store.readBytes("cond/x.bin")).asString().isEqualTo("first");
    }

    @Test
    @DisplayName("CONC-001 across backend instances (no shared lock, as between processes): exactly one creator wins")
    void createOnlyAcrossInstances() throws Exception {
        String prefix = S3TestServer.freshPrefix();
        int writers = 8;
        for (int round = 0; round < 20; round++) {
            String key = "contested-" + round;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
            List<Store> stores = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < writers; i++) {
                    Store s = Store.of(S3TestServer.backend().prefix(prefix).build());
                    stores.add(s);
                    byte[] content = ("writer-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            s.write(key, content);
                            return true;
                        } catch (AlreadyExistsException e) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (java.util.concurrent.Future<Boolean> f : outcomes) {
                    winners += f.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
                stores.forEach(Store::close);
            }
        }
    }

    @Test
    @DisplayName("a wrong bucket is BackendUnavailable naming the bucket")
    void wrongBucket() {
        try (Store wrong = Store.of(S3TestServer.backend()
                .bucket("no-such-bucket-" + System.nanoTime())
                .build())) {
            Throwable thrown = catchThrowable(() -> wrong.write("x.txt", new byte[] {1}));
            assertThat(thrown).isInstanceOf(BackendUnavailableException.class);
            assertThat(thrown.getMessage()).contains("no-such-bucket-").contains("does not exist");
            assertThatThrownBy(() -> wrong.readBytes("x.txt")).isInstanceOf(BackendUnavailableException.class);
            assertThatThrownBy(() -> wrong.listFiles("").toList()).isInstanceOf(BackendUnavailableException.class);
        }
    }

    @Test
    @DisplayName("wrong credentials are PermissionDenied naming the bucket")
    void wrongCredentials() {
        try (Store wrong = Store.of(S3TestServer.backend()
                .credentials(S3TestServer.ACCESS_KEY, "not-the-secret")
                .build())) {
            Throwable thrown = catchThrowable(() -> wrong.write("x.txt", new byte[] {1}));
            assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
            assertThat(thrown.getMessage()).contains(S3TestServer.BUCKET).doesNotContain("not-the-secret");
            assertThatThrownBy(() -> wrong.readBytes("x.txt")).isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    @DisplayName("an unreachable endpoint is BackendUnavailable")
    void unreachableEndpoint() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Store down = Store.of(S3TestServer.backend()
                .endpoint(java.net.URI.create("http://127.0.0.1:" + port))
                .build())) {
            assertThatThrownBy(() -> down.readBytes("x.txt")).isInstanceOf(BackendUnavailableException.class);
        }
    }

    @Test
    @DisplayName("resolve names kind s3, the bucket and the object key, and says move is not atomic")
    void resolvePlan() {
        ResolutionPlan plan = store.resolve("a/b.txt");
        assertThat(plan.kind()).isEqualTo("s3");
        assertThat(plan.details()).containsEntry("bucket", S3TestServer.BUCKET);
        assertThat((String) plan.details().get("objectKey")).endsWith("/a/b.txt");
        assertThat((String) plan.details().get("move")).contains("not atomic");
        assertThat(store.toKey(
                        "s3://" + S3TestServer.BUCKET + "/" + plan.details().get("objectKey")))
                .isEqualTo("a/b.txt");
    }

    @Test
    @DisplayName("a missing file through the raw read is NotFound, never an SDK exception")
    void missingIsNotFound() {
        assertThatThrownBy(() -> store.read("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("the builder refuses a part size below S3's minimum, naming the option")
    void builderChecksPartSize() {
        assertThatThrownBy(() -> S3Backend.builder().bucket("b").partSize(1024).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partSize");
        assertThatThrownBy(() -> S3Backend.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
    }
}
