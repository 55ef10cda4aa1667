package dev.remotestore.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A property name split into its dot-separated segments, as MicroProfile Config and Quarkus write them: a segment
 * in double quotes may hold dots and slashes ({@code queries."reports/daily.csv"}). In a declared property
 * ({@link StoreProvider#properties()}) a quoted segment is a placeholder for any one segment, the key of a map
 * ({@code tier."<name>".match}). Immutable.
 */
final class PropertyName {
    /** One segment; {@code end} is the index in the written name just past it. */
    record Segment(String text, boolean quoted, int end) {
        String written() {
            return quoted ? '"' + text + '"' : text;
        }
    }

    private final String written;
    private final List<Segment> segments;

    private PropertyName(String written, List<Segment> segments) {
        this.written = written;
        this.segments = segments;
    }

    /**
     * Splits {@code name}.
     *
     * @throws IllegalArgumentException naming the rule the name breaks: an empty segment, an unclosed quote, or
     *     a quote that does not span a whole segment
     */
    static PropertyName parse(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("is an empty property name");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (true) {
            int end;
            if (name.charAt(i) == '"') {
                int close = name.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("has an unclosed quote");
                }
                if (close == i + 1) {
                    throw new IllegalArgumentException("has an empty quoted segment \"\"");
                }
                end = close + 1;
                if (end < name.length() && name.charAt(end) != '.') {
                    throw new IllegalArgumentException("has a quote that does not end its segment");
                }
                segments.add(new Segment(name.substring(i + 1, close), true, end));
            } else {
                int dot = name.indexOf('.', i);
                end = dot < 0 ? name.length() : dot;
                String text = name.substring(i, end);
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("has an empty segment");
                }
                if (text.indexOf('"') >= 0) {
                    throw new IllegalArgumentException("has a quote inside a segment; quote whole segments only");
                }
                segments.add(new Segment(text, false, end));
            }
            if (end == name.length()) {
                return new PropertyName(name, List.copyOf(segments));
            }
            i = end + 1;
            if (i == name.length()) {
                throw new IllegalArgumentException("ends with a dot");
            }
        }
    }

    String written() {
        return written;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The name as written after its first segment (and the dot that follows it). */
    String afterFirst() {
        return written.substring(segments.get(0).end() + 1);
    }

    /**
     * The map keys this (written) name fills in {@code pattern} (a declared name), in order, or {@code null} when
     * it does not match. A literal segment matches only the same unquoted text; a placeholder any segment.
     */
    List<String> match(PropertyName pattern) {
        if (pattern.segments.size() != segments.size()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment p = pattern.segments.get(i);
            Segment s = segments.get(i);
            if (p.quoted()) {
                keys.add(s.text());
            } else if (s.quoted() || !s.text().equals(p.text())) {
                return null;
            }
        }
        return keys;
    }

    /** Whether the name has a placeholder (is a map). */
    boolean isPattern() {
        return segments.stream().anyMatch(Segment::quoted);
    }

    /** {@code pattern} with its placeholders filled by {@code keys}, quoted: the canonical spelling of a property. */
    static String fill(PropertyName pattern, List<String> keys) {
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (Segment s : pattern.segments) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(s.quoted() ? '"' + keys.get(k++) + '"' : s.text());
        }
        return b.toString();
    }

    /**
     * What the user probably meant by this unknown name among {@code known} (declared names), or {@code null}: a
     * map key with dots written without quotes ({@code queries.a.csv} for {@code queries."a.csv"}), else the
     * closest name by edit distance.
     */
    String suggest(List<PropertyName> known) {
        for (PropertyName p : known) {
            String quoted = quoteKey(p);
            if (quoted != null) {
                return quoted;
            }
        }
        String plain = segments.stream().map(Segment::text).collect(Collectors.joining("."));
        return closest(plain, known.stream().map(PropertyName::written).collect(Collectors.toList()));
    }

    /** This name as {@code pattern} with its single placeholder quoted, if it is that pattern with an unquoted key. */
    private String quoteKey(PropertyName pattern) {
        List<Segment> p = pattern.segments;
        int holes = (int) p.stream().filter(Segment::quoted).count();
        if (holes != 1 || segments.size() <= p.size() || segments.stream().anyMatch(Segment::quoted)) {
            return null;
        }
        int hole = 0;
        while (!p.get(hole).quoted()) {
            hole++;
        }
        int after = p.size() - hole - 1;
        for (int i = 0; i < hole; i++) {
            if (!p.get(i).text().equals(segments.get(i).text())) {
                return null;
            }
        }
        for (int i = 1; i <= after; i++) {
            if (!p.get(p.size() - i)
                    .text()
                    .equals(segments.get(segments.size() - i).text())) {
                return null;
            }
        }
        String key = segments.subList(hole, segments.size() - after).stream()
                .map(Segment::text)
                .collect(Collectors.joining("."));
        List<String> keys = List.of(key);
        return fill(pattern, keys);
    }

    /** The candidate closest to {@code written} by edit distance, if close enough to be a likely typo. */
    static String closest(String written, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(written.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, written.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return written;
    }
}
