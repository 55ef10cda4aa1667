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

    /** The longest content type accepted, in characters: what every backend's metadata can hold (WRITE-009). */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    /**
     * The media type stored with the content (e.g. {@code text/csv}), reported by {@link FileInfo#contentType()}
     * where the backend keeps it.
     *
     * @throws IllegalArgumentException if it is blank, longer than {@value #MAX_CONTENT_TYPE_LENGTH} characters,
     *     or holds a control character
     */
    public static WriteOption contentType(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        if (mediaType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank (WRITE-009)");
        }
        if (mediaType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new IllegalArgumentException("contentType is " + mediaType.length() + " characters long; at most "
                    + MAX_CONTENT_TYPE_LENGTH + " are kept (WRITE-009)");
        }
        if (mediaType.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("contentType \"" + mediaType.replaceAll("\\p{Cntrl}", "?")
                    + "\" holds a control character (WRITE-009)");
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
