package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * GLOB-001..005 and GLOB-008 as properties: the matcher answers exactly as the regular-expression translation it
 * replaced (kept here as the oracle, {@link #legacyRegex}), over generated patterns and keys made of the characters
 * that matter to globbing.
 */
class GlobPropertiesTest {

    /** One to four segments, each a {@code **} or a few tokens, so that patterns and keys often meet. */
    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> token = Arbitraries.of(
                "a", "b", "*", "?", "[ab]", "[!a]", "[a-b]", "[]a]", "[!]b]", "[b-a]", ".", "[", "]", "-", "!", "%",
                "_");
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.just("**"), token.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts)));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment =
                Arbitraries.strings().withChars("ab].-![%_").ofMinLength(1).ofMaxLength(4);
        return segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("/", parts));
    }

    @Property(tries = 5000)
    @Label("GLOB-001..005: the matcher agrees with the regular-expression translation it replaced")
    void agreesWithTheRegexTranslation(@ForAll("patterns") String pattern, @ForAll("keys") String rawKey) {
        RemotePath key = keyOrNull(rawKey);
        Assume.that(key != null);
        Glob glob;
        try {
            glob = Glob.compile(RemotePath.ROOT, pattern);
        } catch (InvalidPathException e) {
            if (e.getMessage().contains("GLOB-008")) { // a reversed range, which the regex refused too
                assertThatThrownBy(() -> legacyRegex(pattern)).isInstanceOf(PatternSyntaxException.class);
            } else { // '..' or nothing at all: refused by the path rules, as before
                assertThat(keyOrNull(pattern)).as(e.getMessage()).isNull();
            }
            return;
        }
        Pattern regex = legacyRegex(pattern);
        assertThat(glob.matches(key))
                .as("%s ~ %s (regex %s)", pattern, key, regex)
                .isEqualTo(regex.matcher(key.toString()).matches());
    }

    @Property(tries = 500)
    @Label("GLOB-001: a pattern below a root matches exactly the keys below it that the pattern matches")
    void rootIsALiteralPrefix(@ForAll("patterns") String pattern, @ForAll("keys") String rawKey) {
        RemotePath key = keyOrNull(rawKey);
        Assume.that(key != null);
        Glob bare;
        try {
            bare = Glob.compile(RemotePath.ROOT, pattern);
        } catch (InvalidPathException e) {
            return;
        }
        RemotePath root = RemotePath.of("r*/[x]");
        Glob rooted = Glob.compile(root, pattern);
        assertThat(rooted.matches(root.resolve(key))).isEqualTo(bare.matches(key));
        assertThat(rooted.matches(key)).isFalse();
    }

    /** {@code raw} as a key, or null where it is invalid or the root. */
    private static RemotePath keyOrNull(String raw) {
        try {
            return RemotePath.of(raw);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The translation {@code Glob} used up to issue 10: correct, but exponential on {@code *a*a*a…b}. */
    private static Pattern legacyRegex(String pattern) {
        List<String> segments = RemotePath.parse(pattern).segments();
        int firstWild = 0;
        StringBuilder rx = new StringBuilder();
        while (firstWild < segments.size() - 1 && !hasWildcard(segments.get(firstWild))) {
            rx.append(Pattern.quote(segments.get(firstWild) + "/"));
            firstWild++;
        }
        List<String> rest = segments.subList(firstWild, segments.size());
        for (int i = 0; i < rest.size(); i++) {
            String segment = rest.get(i);
            boolean last = i == rest.size() - 1;
            if (segment.equals("**")) {
                rx.append(last ? ".+" : "(?:[^/]+/)*");
                continue;
            }
            translateSegment(segment, rx);
            if (!last) {
                rx.append('/');
            }
        }
        return Pattern.compile(rx.toString(), Pattern.DOTALL);
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
                int j = i + 1;
                if (j < segment.length() && segment.charAt(j) == '!') {
                    j++;
                }
                if (j < segment.length() && segment.charAt(j) == ']') {
                    j++;
                }
                int close = segment.indexOf(']', j);
                if (close < 0) {
                    rx.append(Pattern.quote("["));
                } else {
                    rx.append(translateClass(segment.substring(i + 1, close)));
                    i = close;
                }
            } else {
                rx.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
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
}
