package dev.remotestore;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An option of the write, move and copy operations: {@link #OVERWRITE}, {@link #contentType(String)} or
 * {@link #extra(Map)}. Immutable.
 */
public final class WriteOption {
    /** Replace an existing file; without it a write to an existing path fails with {@link AlreadyExistsException}. */
    public static final WriteOption OVERWRITE = new WriteOption(null, Map.of());

    /** The most entries {@link #extra(Map)} takes, and the longest name and value (in characters). */
    public static final int MAX_EXTRA_ENTRIES = 64, MAX_EXTRA_NAME_LENGTH = 128, MAX_EXTRA_VALUE_LENGTH = 4096;

    private static final Pattern EXTRA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String contentType;
    private final Map<String, String> extra;

    private WriteOption(String contentType, Map<String, String> extra) {
        this.contentType = contentType;
        this.extra = extra;
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
        return new WriteOption(mediaType, Map.of());
    }

    /**
     * Facts of the caller's stored with the content (an uploader, an original file name, a tag), reported by
     * {@link FileInfo#extra()} where the backend keeps them (memory and SQL blob do; {@code WRITE-010}). Several
     * {@code extra} options of one call merge, the last value of a name winning.
     *
     * @throws IllegalArgumentException for more than {@value #MAX_EXTRA_ENTRIES} entries, a name that is not
     *     letters, digits, {@code .}, {@code _} and {@code -} (at most {@value #MAX_EXTRA_NAME_LENGTH}), or a null
     *     or longer value than {@value #MAX_EXTRA_VALUE_LENGTH} characters
     */
    public static WriteOption extra(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        if (values.size() > MAX_EXTRA_ENTRIES) {
            throw new IllegalArgumentException(
                    "extra has " + values.size() + " entries; at most " + MAX_EXTRA_ENTRIES + " (WRITE-010)");
        }
        Map<String, String> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name == null
                    || name.length() > MAX_EXTRA_NAME_LENGTH
                    || !EXTRA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extra name \"" + name + "\": use letters, digits, '.', '_' and"
                        + " '-', starting with a letter or digit, at most " + MAX_EXTRA_NAME_LENGTH
                        + " characters (WRITE-010)");
            }
            if (value != null && !wellFormed(value)) {
                throw new IllegalArgumentException(
                        "extra value of \"" + name + "\" holds an unpaired surrogate: not Unicode text (WRITE-010)");
            }
            if (value == null || value.length() > MAX_EXTRA_VALUE_LENGTH) {
                throw new IllegalArgumentException("extra value of \"" + name + "\" is "
                        + (value == null ? "null" : value.length() + " characters long") + "; at most "
                        + MAX_EXTRA_VALUE_LENGTH + " characters (WRITE-010)");
            }
            copy.put(name, value);
        });
        return new WriteOption(null, Collections.unmodifiableMap(copy));
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The media type this option carries, or {@code null}. */
    String mediaType() {
        return contentType;
    }

    /** The facts this option carries; empty for the others. */
    Map<String, String> extraValues() {
        return extra;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteOption w && Objects.equals(w.contentType, contentType) && w.extra.equals(extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, extra);
    }

    @Override
    public String toString() {
        if (this == OVERWRITE) {
            return "OVERWRITE";
        }
        return contentType != null ? "contentType(" + contentType + ")" : "extra(" + extra + ")";
    }
}
