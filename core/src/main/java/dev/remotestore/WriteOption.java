package dev.remotestore;

import java.util.Objects;

/**
 * An option of the write, move and copy operations: {@link #OVERWRITE} or {@link #contentType(String)}.
 * Immutable.
 */
public final class WriteOption {
    /** Replace an existing file; without it a write to an existing path fails with {@link AlreadyExistsException}. */
    public static final WriteOption OVERWRITE = new WriteOption(null);

    private final String contentType;

    private WriteOption(String contentType) {
        this.contentType = contentType;
    }

    /**
     * The media type stored with the content (e.g. {@code text/csv}), reported by {@link FileInfo#contentType()}
     * where the backend keeps it.
     */
    public static WriteOption contentType(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        if (mediaType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank");
        }
        return new WriteOption(mediaType);
    }

    /** The media type this option carries, or {@code null} for {@link #OVERWRITE}. */
    String mediaType() {
        return contentType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteOption && Objects.equals(((WriteOption) o).contentType, contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(contentType);
    }

    @Override
    public String toString() {
        return contentType == null ? "OVERWRITE" : "contentType(" + contentType + ")";
    }
}
