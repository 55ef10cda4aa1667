package dev.remotestore.s3;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 API the tests run against: S3Proxy on an in-memory blob store, started once per JVM on a free loopback
 * port; or, when {@code REMOTE_STORE_S3_ENDPOINT} is set, that endpoint with {@code REMOTE_STORE_S3_ACCESS_KEY},
 * {@code REMOTE_STORE_S3_SECRET_KEY}, {@code REMOTE_STORE_S3_BUCKET} (must exist) and {@code REMOTE_STORE_S3_REGION}.
 * Every store gets a fresh key prefix, so tests never see each other's objects.
 */
final class S3TestServer {
    static final String ACCESS_KEY;
    static final String SECRET_KEY;
    static final String BUCKET;
    static final String REGION;
    static final URI ENDPOINT;
    /** Whether the tests started S3Proxy themselves (rather than using a configured endpoint). */
    static final boolean EMBEDDED;

    private static final AtomicInteger STORES = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static S3Proxy proxy;

    static {
        String endpoint = System.getenv("REMOTE_STORE_S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            EMBEDDED = false;
            ENDPOINT = URI.create(endpoint.trim());
            ACCESS_KEY = env("REMOTE_STORE_S3_ACCESS_KEY");
            SECRET_KEY = env("REMOTE_STORE_S3_SECRET_KEY");
            BUCKET = env("REMOTE_STORE_S3_BUCKET");
            String region = System.getenv("REMOTE_STORE_S3_REGION");
            REGION = region == null || region.isBlank() ? "us-east-1" : region.trim();
        } else {
            EMBEDDED = true;
            ACCESS_KEY = "test-access-key";
            SECRET_KEY = "test-secret-key";
            BUCKET = "remote-store-test";
            REGION = "us-east-1";
            ENDPOINT = startProxy();
            try (S3Client c = client(ACCESS_KEY, SECRET_KEY)) {
                c.createBucket(b -> b.bucket(BUCKET));
            }
        }
    }

    private S3TestServer() {}

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " must be set when REMOTE_STORE_S3_ENDPOINT is");
        }
        return v.trim();
    }

    private static URI startProxy() {
        try {
            proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM ends anyway
                }
            }));
            return URI.create("http://127.0.0.1:" + proxy.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy: " + e, e);
        }
    }

    /** A raw client of the test endpoint, for checks behind the backend's back. */
    static S3Client client(String accessKey, String secretKey) {
        return S3Client.builder()
                .httpClient(Apache5HttpClient.create())
                .region(Region.of(REGION))
                .endpointOverride(ENDPOINT)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** A fresh prefix no other store of this run uses. */
    static String freshPrefix() {
        return "rs-test-" + RUN + "/" + STORES.incrementAndGet() + "/";
    }

    /** A builder on the test endpoint and bucket, with a fresh prefix. */
    static S3Backend.Builder backend() {
        return S3Backend.builder()
                .bucket(BUCKET)
                .prefix(freshPrefix())
                .region(REGION)
                .endpoint(ENDPOINT)
                .pathStyle(true)
                .credentials(ACCESS_KEY, SECRET_KEY);
    }
}
