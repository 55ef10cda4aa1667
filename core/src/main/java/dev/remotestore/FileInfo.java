package dev.remotestore;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a store knows about one file. Unknown facts are empty, never faked: a SQL query's size, for example,
 * is unknown until its result is materialized.
 *
 * @param path the store-relative path, usable as input to the same store again
 * @param name the last segment of {@code path}
 * @param size the size in bytes, if known
 * @param modifiedAt the time of the last change, if known
 * @param contentType the media type given when it was written, if the backend keeps it
 * @param digest the SHA-256 of the content as lower-case hex, if the backend keeps it
 * @param extra backend-specific facts; unmodifiable
 */
public record FileInfo(
        String path,
        String name,
        OptionalLong size,
        Optional<Instant> modifiedAt,
        Optional<String> contentType,
        Optional<String> digest,
        Map<String, Object> extra) {

    /** Validates the components and freezes {@code extra}. */
    public FileInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(digest, "digest");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A builder for the file at {@code path}; its name is the last segment. */
    public static Builder builder(RemotePath path) {
        return new Builder(path);
    }

    /** This info with another path (and the name that goes with it): how a store rebases backend paths. */
    public FileInfo withPath(RemotePath newPath) {
        return new FileInfo(newPath.toString(), newPath.name(), size, modifiedAt, contentType, digest, extra);
    }

    /** Builds a {@link FileInfo}; every fact but the path is optional. Not thread-safe. */
    public static final class Builder {
        private final RemotePath path;
        private OptionalLong size = OptionalLong.empty();
        private Instant modifiedAt;
        private String contentType;
        private String digest;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(RemotePath path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The size in bytes. */
        public Builder size(long bytes) {
            this.size = OptionalLong.of(bytes);
            return this;
        }

        /** The time of the last change ({@code null}: unknown). */
        public Builder modifiedAt(Instant time) {
            this.modifiedAt = time;
            return this;
        }

        /** The stored media type ({@code null}: none). */
        public Builder contentType(String mediaType) {
            this.contentType = mediaType;
            return this;
        }

        /** The SHA-256 of the content as lower-case hex ({@code null}: unknown). */
        public Builder digest(String sha256Hex) {
            this.digest = sha256Hex;
            return this;
        }

        /** A backend-specific fact. */
        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        /** The info. */
        public FileInfo build() {
            return new FileInfo(
                    path.toString(),
                    path.name(),
                    size,
                    Optional.ofNullable(modifiedAt),
                    Optional.ofNullable(contentType),
                    Optional.ofNullable(digest),
                    extra);
        }
    }
}
