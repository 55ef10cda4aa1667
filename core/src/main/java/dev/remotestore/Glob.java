package dev.remotestore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled glob pattern over keys, anchored at a base folder. {@code *} matches any characters within one
 * segment, {@code ?} one character other than {@code /}, {@code [abc]} / {@code [!abc]} one character of (or
 * not of) a set, and a {@code **} segment any number of segments, including none. Every other character is
 * literal, including {@code %}, {@code _} and {@code .}. An unclosed {@code [} is literal.
 *
 * <p>The pattern is normalized like a {@link RemotePath} (backslashes become {@code /}; a {@code ..} segment
 * or NUL is rejected). The store root is prepended as literal text, so a root that contains {@code *} still
 * matches only itself. Immutable and thread-safe.
 */
public final class Glob {
    private final String pattern;
    private final RemotePath base;
    private final boolean recursive;
    private final Pattern regex;

    private Glob(String pattern, RemotePath base, boolean recursive, Pattern regex) {
        this.pattern = pattern;
        this.base = base;
        this.recursive = recursive;
        this.regex = regex;
    }

    /**
     * Compiles {@code pattern}, relative to {@code root}.
     *
     * @throws InvalidPathException if the pattern is empty, or has a {@code ..} segment or a NUL character
     */
    public static Glob compile(RemotePath root, String pattern) {
        RemotePath normalized = RemotePath.parse(pattern);
        if (normalized.isRoot()) {
            throw new InvalidPathException("a glob pattern must not be empty (GLOB-001)", pattern, null);
        }
        List<String> segments = normalized.segments();
        RemotePath base = root;
        int firstWild = 0;
        while (firstWild < segments.size() - 1 && !hasWildcard(segments.get(firstWild))) {
            base = base.resolve(RemotePath.of(segments.get(firstWild)));
            firstWild++;
        }
        boolean recursive = false;
        StringBuilder rx = new StringBuilder();
        if (!base.isRoot()) {
            rx.append(Pattern.quote(base + "/"));
        }
        List<String> rest = new ArrayList<>(segments.subList(firstWild, segments.size()));
        for (int i = 0; i < rest.size(); i++) {
            String segment = rest.get(i);
            boolean last = i == rest.size() - 1;
            if (segment.equals("**")) {
                recursive = true;
                // Zero or more whole segments; at the end, one or more (a file must follow the folder part).
                rx.append(last ? ".+" : "(?:[^/]+/)*");
                continue;
            }
            if (!last) {
                recursive = true;
            }
            translateSegment(segment, rx);
            if (!last) {
                rx.append('/');
            }
        }
        return new Glob(pattern, base, recursive, Pattern.compile(rx.toString(), Pattern.DOTALL));
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    private static void translateSegment(String segment, StringBuilder rx) {
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '*') {
                while (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
                    i++;
                }
                rx.append("[^/]*");
            } else if (c == '?') {
                rx.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(segment, i);
                if (close < 0) {
                    rx.append(Pattern.quote("["));
                } else {
                    rx.append(translateClass(segment.substring(i + 1, close)));
                    i = close;
                }
            } else {
                int cp = segment.codePointAt(i);
                rx.append(Pattern.quote(new String(Character.toChars(cp))));
                i += Character.charCount(cp) - 1;
            }
            i++;
        }
    }

    /** The index of the {@code ]} that closes the class opened at {@code open}, or -1. */
    private static int classEnd(String segment, int open) {
        int j = open + 1;
        if (j < segment.length() && segment.charAt(j) == '!') {
            j++;
        }
        if (j < segment.length() && segment.charAt(j) == ']') {
            j++; // a leading ']' is a member, as in fnmatch
        }
        int close = segment.indexOf(']', j);
        return close;
    }

    private static String translateClass(String body) {
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        StringBuilder cls = new StringBuilder(negated ? "[^/" : "[");
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '-' && k > 0 && k < body.length() - 1) {
                cls.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
        }
        return cls.append(']').toString();
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /**
     * The deepest folder every match lies below: the store root followed by the pattern's leading segments
     * that hold no wildcard. Listing can start there.
     */
    public RemotePath base() {
        return base;
    }

    /** Whether matches can lie deeper than directly in {@link #base()}, so listing must recurse. */
    public boolean recursive() {
        return recursive;
    }

    /** Whether the backend key {@code path} (store root included) matches. */
    public boolean matches(RemotePath path) {
        return regex.matcher(path.toString()).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
