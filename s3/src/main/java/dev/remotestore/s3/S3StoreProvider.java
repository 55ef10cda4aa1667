package dev.remotestore.s3;

import dev.remotestore.Store;
import dev.remotestore.config.StoreProperties;
import dev.remotestore.config.StoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store type {@code s3} of the configuration factory ({@code docs/s3-backend.md}): properties {@code bucket}
 * (required), {@code prefix}, {@code region}, {@code endpoint}, {@code path-style}, {@code access-key-id} with
 * {@code secret-access-key} (both or neither; neither: the SDK's default chain), {@code part-size} and
 * {@code conditional-writes}. Registered with {@link java.util.ServiceLoader}, so the plain-CDI producer and the
 * Quarkus extension offer it whenever this module is on the class path. The secret never appears in a message.
 * Stateless and thread-safe.
 */
public final class S3StoreProvider implements StoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public S3StoreProvider() {}

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> properties() {
        return Set.of(
                "bucket",
                "prefix",
                "region",
                "endpoint",
                "path-style",
                "access-key-id",
                "secret-access-key",
                "part-size",
                "conditional-writes");
    }

    @Override
    public Supplier<Store> configure(StoreProperties p) {
        String bucket = p.required("bucket");
        String prefix = p.string("prefix").map(String::trim).orElse("");
        String region = p.string("region").map(String::trim).orElse(null);
        boolean pathStyle = p.bool("path-style", false);
        boolean conditional = p.bool("conditional-writes", true);
        long partSize = p.size("part-size", S3Backend.DEFAULT_PART_SIZE);
        if (partSize < S3Backend.MIN_PART_SIZE || partSize > Integer.MAX_VALUE) {
            p.problem("part-size", "must be at least 5M (S3's minimum part size) and below 2G, got " + partSize);
        }
        URI endpoint = null;
        String e = p.string("endpoint").map(String::trim).orElse(null);
        if (e != null) {
            try {
                endpoint = new URI(e);
                if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                    p.problem("endpoint", "expects an absolute URL such as http://localhost:9000, got \"" + e + "\"");
                }
            } catch (URISyntaxException ex) {
                p.problem("endpoint", "is not a URL: " + ex.getMessage());
            }
        }
        String accessKey = p.string("access-key-id").map(String::trim).orElse(null);
        String secretKey = p.string("secret-access-key").orElse(null);
        if ((accessKey == null) != (secretKey == null)) {
            p.problem(
                    accessKey == null ? "access-key-id" : "secret-access-key",
                    "is missing: access-key-id and secret-access-key go together (neither: the SDK's default"
                            + " credentials chain)");
        }
        if (bucket == null) {
            return null;
        }
        URI finalEndpoint = endpoint;
        int finalPartSize = (int) Math.min(Math.max(partSize, S3Backend.MIN_PART_SIZE), Integer.MAX_VALUE);
        return () -> {
            S3Backend.Builder b = S3Backend.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .region(region)
                    .endpoint(finalEndpoint)
                    .pathStyle(pathStyle)
                    .partSize(finalPartSize)
                    .conditionalWrites(conditional);
            if (accessKey != null && secretKey != null) {
                b.credentials(accessKey, secretKey);
            }
            return Store.of(b.build());
        };
    }
}
