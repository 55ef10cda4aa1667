package dev.remotestore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A normalized, validated key inside a store: segments separated by {@code /}, never empty segments, never
 * {@code .} or {@code ..}. Immutable; equality is by the normalized string.
 *
 * <p>Normalization ({@code docs/spec/store-contract.md}, PATH rules): backslashes become {@code /} (PATH-001),
 * leading and trailing {@code /} are stripped (PATH-002), repeated {@code /} collapse (PATH-003) and {@code .}
 * segments are removed (PATH-004). A {@code ..} segment (PATH-005), a NUL character (PATH-006), a path that
 * normalizes to nothing (PATH-007) or a string that is not well-formed UTF-16 (an unpaired surrogate, PATH-010)
 * is rejected with {@link InvalidPathException} naming the input. The store root is {@link #ROOT}, written
 * {@code ""}.
 */
public final class RemotePath implements Comparable<RemotePath> {
    /** The root of a store: no segments, written {@code ""}. */
    public static final RemotePath ROOT = new RemotePath("", List.of());

    private final String path;
    private final List<String> segments;

    private RemotePath(String path, List<String> segments) {
        this.path = path;
        this.segments = segments;
    }

    /**
     * The path of a file or folder: {@code raw} normalized.
     *
     * @throws InvalidPathException if {@code raw} contains a {@code ..} segment, a NUL character or an unpaired
     *     surrogate, or normalizes to the root
     */
    public static RemotePath of(String raw) {
        RemotePath p = parse(raw);
        if (p.isRoot()) {
            throw new InvalidPathException("the path is empty after normalization (PATH-007)", raw, null);
        }
        return p;
    }

    /**
     * Like {@link #of(String)}, but a path that normalizes to nothing ({@code ""}, {@code "."}, {@code "/"})
     * is {@link #ROOT}. For folder arguments, where the root is a valid answer.
     *
     * @throws InvalidPathException if {@code raw} contains a {@code ..} segment, a NUL character or an unpaired
     *     surrogate
     */
    public static RemotePath parse(String raw) {
        if (raw == null) {
            throw new InvalidPathException("the path is null", null, null);
        }
        if (raw.indexOf('\0') >= 0) {
            throw new InvalidPathException("a path must not contain a NUL character (PATH-006)", raw, null);
        }
        int unpaired = unpairedSurrogate(raw);
        if (unpaired >= 0) {
            // Such a string has no UTF-8 form: the databases store it as '?' or U+FFFD, so distinct keys collide.
            throw new InvalidPathException(
                    String.format(
                            "a path must be well-formed Unicode, but has an unpaired surrogate U+%04X at index %d"
                                    + " (PATH-010)",
                            (int) raw.charAt(unpaired), unpaired),
                    raw,
                    null);
        }
        String s = raw.replace('\\', '/');
        // Already normalized (the common case: keys that came out of a store): the input is the path as it is.
        boolean normalized = s == raw;
        List<String> parts = new ArrayList<>();
        int start = 0;
        int n = s.length();
        while (start <= n) {
            int slash = s.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            String segment = s.substring(start, end);
            if (segment.equals("..")) {
                throw new InvalidPathException("'..' segments are not allowed (PATH-005)", raw, null);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                parts.add(segment);
            } else {
                normalized = false;
            }
            start = end + 1;
        }
        if (parts.isEmpty()) {
            return ROOT;
        }
        return new RemotePath(normalized ? raw : String.join("/", parts), Collections.unmodifiableList(parts));
    }

    /** The index of the first surrogate in {@code s} that is not part of a high-low pair, or -1. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether this is the store root. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The segments, in order; empty for the root. */
    public List<String> segments() {
        return segments;
    }

    /** The last segment ({@code "c.txt"} of {@code a/b/c.txt}); {@code ""} for the root. */
    public String name() {
        return isRoot() ? "" : segments.get(segments.size() - 1);
    }

    /** The extension of the name with its dot ({@code ".gz"} of {@code a.tar.gz}), or {@code ""}. */
    public String suffix() {
        String name = name();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    /** The folder holding this path ({@link #ROOT} for a top-level name); empty for the root itself. */
    public Optional<RemotePath> parent() {
        if (isRoot()) {
            return Optional.empty();
        }
        if (segments.size() == 1) {
            return Optional.of(ROOT);
        }
        List<String> parts = segments.subList(0, segments.size() - 1);
        return Optional.of(new RemotePath(String.join("/", parts), parts));
    }

    /**
     * This path followed by {@code relative}, normalized; {@code relative} can never climb out of this path.
     *
     * @throws InvalidPathException if {@code relative} is invalid
     */
    public RemotePath resolve(String relative) {
        return resolve(parse(relative));
    }

    /** This path followed by {@code relative}. */
    public RemotePath resolve(RemotePath relative) {
        if (relative.isRoot()) {
            return this;
        }
        if (isRoot()) {
            return relative;
        }
        List<String> parts = new ArrayList<>(segments.size() + relative.segments.size());
        parts.addAll(segments);
        parts.addAll(relative.segments);
        return new RemotePath(path + "/" + relative.path, Collections.unmodifiableList(parts));
    }

    /**
     * Whether this path is {@code ancestor} or lies below it, segment by segment: {@code a/b} starts with
     * {@code a} but not with {@code a/b2}'s sibling {@code a/b2}, and {@code ab} does not start with {@code a}.
     */
    public boolean startsWith(RemotePath ancestor) {
        if (ancestor.isRoot()) {
            return true;
        }
        return path.equals(ancestor.path)
                || (path.startsWith(ancestor.path) && path.charAt(ancestor.path.length()) == '/');
    }

    /**
     * The part of this path below {@code ancestor}, as a path.
     *
     * @throws IllegalArgumentException if this path does not {@linkplain #startsWith start with} {@code ancestor}
     */
    public RemotePath relativeTo(RemotePath ancestor) {
        if (!startsWith(ancestor)) {
            throw new IllegalArgumentException(path + " is not below " + ancestor.path);
        }
        if (ancestor.isRoot()) {
            return this;
        }
        List<String> parts = segments.subList(ancestor.segments.size(), segments.size());
        return parts.isEmpty() ? ROOT : new RemotePath(String.join("/", parts), parts);
    }

    /** Code point order of the normalized strings, which is the byte order of their UTF-8 forms. */
    @Override
    public int compareTo(RemotePath other) {
        return compareKeys(path, other.path);
    }

    /**
     * Compares two keys by Unicode code point, which is the byte order of their UTF-8 encodings and so the
     * order the SQL backends' byte-order collations give. Plain {@link String#compareTo} orders by UTF-16
     * unit and disagrees for characters above U+FFFF.
     */
    public static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemotePath && ((RemotePath) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** The normalized path; {@code ""} for the root. */
    @Override
    public String toString() {
        return path;
    }
}
