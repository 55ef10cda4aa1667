package dev.remotestore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled glob pattern over keys, anchored at a base folder. {@code *} matches any characters within one
 * segment, {@code ?} one character other than {@code /}, {@code [abc]} / {@code [!abc]} one character of (or
 * not of) a set, with ranges such as {@code [a-z]}, and a {@code **} segment any number of segments, including
 * none (at the end of the pattern, one or more). Characters are Unicode code points, so {@code ?} and classes
 * match a supplementary character such as {@code 😀} as one. Every other character is literal, including
 * {@code %}, {@code _} and {@code .}. An unclosed {@code [} is literal; a {@code ]} right after {@code [} or
 * {@code [!} is a member of the set.
 *
 * <p>The pattern is normalized like a {@link RemotePath} (backslashes become {@code /}; a {@code ..} segment, NUL
 * or an unpaired surrogate is rejected). The store root is prepended as literal text, so a root that contains
 * {@code *} still matches only itself.
 *
 * <p>Matching never backtracks exponentially (GLOB-007): within a segment, a {@code *} keeps a single backtrack
 * point, as does a {@code **} over segments, so a match costs at most about (pattern length) &times; (key length)
 * steps. Immutable and thread-safe.
 */
public final class Glob {
    private final String pattern;
    private final RemotePath base;
    private final boolean recursive;
    /** The pattern's segments after {@link #base}, in order; a trailing {@code **} is one segment then a globstar. */
    private final Part[] parts;

    private Glob(String pattern, RemotePath base, boolean recursive, Part[] parts) {
        this.pattern = pattern;
        this.base = base;
        this.recursive = recursive;
        this.parts = parts;
    }

    /**
     * Compiles {@code pattern}, relative to {@code root}.
     *
     * @throws InvalidPathException if the pattern is empty, has a {@code ..} segment, a NUL character or an
     *     unpaired surrogate, or a class with a reversed range such as {@code [z-a]}
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
        List<Part> parts = new ArrayList<>();
        for (int i = firstWild; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("**")) {
                recursive = true;
                if (last) {
                    parts.add(Part.ANY_SEGMENT); // a file must follow the folder part
                }
                parts.add(Part.GLOBSTAR);
                continue;
            }
            if (!last) {
                recursive = true;
            }
            parts.add(new Part(compileSegment(pattern, segment)));
        }
        return new Glob(pattern, base, recursive, parts.toArray(new Part[0]));
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    /** The tokens of one segment: a {@link CodePoints} per character it matches, {@code STAR} for a {@code *}. */
    private static CodePoints[] compileSegment(String pattern, String segment) {
        List<CodePoints> tokens = new ArrayList<>();
        int i = 0;
        while (i < segment.length()) {
            int c = segment.codePointAt(i);
            int close = c == '[' ? classEnd(segment, i) : -1;
            if (c == '*') {
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != CodePoints.STAR) {
                    tokens.add(CodePoints.STAR); // '**' inside a segment is one '*'
                }
            } else if (c == '?') {
                tokens.add(CodePoints.ANY);
            } else if (close >= 0) {
                tokens.add(compileClass(pattern, segment.substring(i + 1, close)));
                i = close;
            } else {
                tokens.add(CodePoints.literal(c));
            }
            i += Character.charCount(c);
        }
        return tokens.toArray(new CodePoints[0]);
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
        return segment.indexOf(']', j);
    }

    /** A class body ({@code !a-c_}) over code points: {@code x-y} is a range, a {@code -} at either end literal. */
    private static CodePoints compileClass(String pattern, String body) {
        boolean negated = body.startsWith("!");
        int[] cps = body.codePoints().skip(negated ? 1 : 0).toArray();
        int[] ranges = new int[cps.length * 2];
        int n = 0;
        for (int k = 0; k < cps.length; k++) {
            int lo = cps[k];
            int hi = lo;
            if (k + 2 < cps.length && cps[k + 1] == '-') {
                hi = cps[k + 2];
                if (hi < lo) {
                    throw new InvalidPathException(
                            "the class range " + new String(cps, k, 3) + " runs backwards (GLOB-008)", pattern, null);
                }
                k += 2;
            }
            ranges[n++] = lo;
            ranges[n++] = hi;
        }
        return new CodePoints(Arrays.copyOf(ranges, n), negated);
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
        return matches(path, new Steps());
    }

    /** The steps {@link #matches(RemotePath)} takes for {@code path}: the test hook of GLOB-007's bound. */
    long countSteps(RemotePath path) {
        Steps steps = new Steps();
        matches(path, steps);
        return steps.count;
    }

    private boolean matches(RemotePath path, Steps steps) {
        if (!path.startsWith(base)) {
            return false;
        }
        List<String> key = path.segments();
        int k = base.segments().size();
        // One backtrack point: the last globstar seen. Each non-globstar part consumes exactly one segment, so
        // retrying only from the last globstar is complete, and each (part, segment) pair is tried at most once.
        int p = 0;
        int star = -1;
        int mark = 0;
        while (k < key.size()) {
            steps.count++;
            if (p < parts.length && parts[p] == Part.GLOBSTAR) {
                star = p++;
                mark = k;
            } else if (p < parts.length && parts[p].matches(key.get(k), steps)) {
                p++;
                k++;
            } else if (star >= 0) {
                p = star + 1;
                k = ++mark;
            } else {
                return false;
            }
        }
        while (p < parts.length && parts[p] == Part.GLOBSTAR) {
            p++;
        }
        return p == parts.length;
    }

    /** Matches {@code segment} against {@code tokens}, the same way as segments against parts. */
    private static boolean matchesSegment(CodePoints[] tokens, String segment, Steps steps) {
        int t = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < segment.length()) {
            steps.count++;
            if (t < tokens.length && tokens[t] == CodePoints.STAR) {
                star = t++;
                mark = i;
                continue;
            }
            int c = segment.codePointAt(i);
            if (t < tokens.length && tokens[t].contains(c)) {
                t++;
                i += Character.charCount(c);
            } else if (star >= 0) {
                t = star + 1;
                mark += Character.charCount(segment.codePointAt(mark));
                i = mark;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t] == CodePoints.STAR) {
            t++;
        }
        return t == tokens.length;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** A counter of matching steps. */
    private static final class Steps {
        long count;
    }

    /** One pattern segment: a segment pattern, any one segment, or a globstar (zero or more segments). */
    private static final class Part {
        static final Part GLOBSTAR = new Part(null);
        static final Part ANY_SEGMENT = new Part(new CodePoints[] {CodePoints.ANY, CodePoints.STAR});

        private final CodePoints[] tokens;

        Part(CodePoints[] tokens) {
            this.tokens = tokens;
        }

        boolean matches(String segment, Steps steps) {
            return matchesSegment(tokens, segment, steps);
        }
    }

    /** The code points one token matches: inclusive ranges {@code lo, hi, …}, or all others if negated. */
    private static final class CodePoints {
        /** Marks {@code *}; never asked {@link #contains}. */
        static final CodePoints STAR = new CodePoints(new int[0], true);
        /** {@code ?}: every code point ({@code /} never occurs within a segment). */
        static final CodePoints ANY = new CodePoints(new int[0], true);

        private final int[] ranges;
        private final boolean negated;

        CodePoints(int[] ranges, boolean negated) {
            this.ranges = ranges;
            this.negated = negated;
        }

        static CodePoints literal(int c) {
            return new CodePoints(new int[] {c, c}, false);
        }

        boolean contains(int c) {
            for (int r = 0; r < ranges.length; r += 2) {
                if (c >= ranges[r] && c <= ranges[r + 1]) {
                    return !negated;
                }
            }
            return negated;
        }
    }
}
