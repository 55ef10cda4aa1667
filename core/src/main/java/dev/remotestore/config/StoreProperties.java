package dev.remotestore.config;

import dev.remotestore.config.StoreConfigurationException.Problem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties of one configured store, as a {@link StoreProvider} reads them. Names are relative to the store
 * ({@code table}, {@code queries."reports/daily.csv"}). The typed getters check the value and, when it is wrong,
 * record a problem naming the property's full name and return the default, so that every problem of the whole
 * configuration is reported at once; {@link #problem(String, String)} records a provider's own. A value that is
 * empty or blank counts as absent (as in MicroProfile Config).
 */
public final class StoreProperties {
    private static final Pattern SIZE = Pattern.compile("(\\d+)(?:([kmgt])(ib)?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    /** A property as written: its full name and value. */
    record Written(String fullName, String value) {}

    private final String storeName;
    private final String type;
    private final String storePrefix;
    private final Map<String, Written> values;
    private final Map<String, Map<String, Written>> maps;
    private final List<Problem> problems;

    /**
     * @param storePrefix the full name of the store's properties up to the property, e.g.
     *     {@code quarkus.remote-store."hot".}
     * @param values canonical relative name → property
     * @param maps declared map pattern → key → property
     */
    StoreProperties(
            String storeName,
            String type,
            String storePrefix,
            Map<String, Written> values,
            Map<String, Map<String, Written>> maps,
            List<Problem> problems) {
        this.storeName = storeName;
        this.type = type;
        this.storePrefix = storePrefix;
        this.values = values;
        this.maps = maps;
        this.problems = problems;
    }

    /** The store's name ({@link StoreFactory#DEFAULT} for the default store). */
    public String storeName() {
        return storeName;
    }

    /** The store's type. */
    public String type() {
        return type;
    }

    /** Whether {@code property} is set. */
    public boolean has(String property) {
        return values.containsKey(property);
    }

    /** The value of {@code property} as written, if set. */
    public Optional<String> string(String property) {
        Written w = values.get(property);
        return w == null ? Optional.empty() : Optional.of(w.value());
    }

    /** The trimmed value of {@code property}, or {@code null} after recording that it is missing. */
    public String required(String property) {
        Written w = values.get(property);
        if (w == null) {
            problem(property, "is missing; a store of type " + type + " needs it");
            return null;
        }
        return w.value().trim();
    }

    /**
     * {@code true} or {@code false} (in any case); anything else, {@code yes} and {@code 1} included, is a
     * problem, since a misspelt value should not silently mean {@code false}.
     */
    public boolean bool(String property, boolean defaultValue) {
        Written w = values.get(property);
        if (w == null) {
            return defaultValue;
        }
        String v = w.value().trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        problem(property, "expects true or false, got \"" + w.value() + "\"");
        return defaultValue;
    }

    /**
     * A positive number of bytes: plain ({@code 1048576}), or with a binary suffix {@code K}, {@code M},
     * {@code G}, {@code T} or {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} (any case; {@code 1K = 1024}).
     * {@code 10MB} is refused rather than guessed at (1000 or 1024?).
     */
    public long size(String property, long defaultValue) {
        Written w = values.get(property);
        if (w == null) {
            return defaultValue;
        }
        String v = w.value().trim();
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            problem(
                    property,
                    (v.startsWith("-") ? "must be positive" : "expects a size")
                            + " in bytes, optionally with a binary suffix (K, M, G, T or KiB, MiB, GiB, TiB;"
                            + " 1K = 1024), got \"" + w.value() + "\"");
            return defaultValue;
        }
        try {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
            int shift = "KMGT".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0));
            long bytes = shift < 0 ? n : Math.multiplyExact(n, 1L << (10 * (shift + 1)));
            if (bytes <= 0) {
                problem(property, "must be positive, got \"" + w.value() + "\"");
                return defaultValue;
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            problem(property, "is too large: \"" + w.value() + "\"");
            return defaultValue;
        }
    }

    /** A positive whole number. */
    public int positiveInt(String property, int defaultValue) {
        Written w = values.get(property);
        if (w == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(w.value().trim());
            if (n > 0) {
                return n;
            }
            problem(property, "must be positive, got " + n);
        } catch (NumberFormatException e) {
            problem(property, "expects a positive whole number, got \"" + w.value() + "\"");
        }
        return defaultValue;
    }

    /**
     * A positive duration: whole seconds ({@code 30}), a number with a unit {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d} ({@code 500ms}, {@code 2m}), or ISO-8601 ({@code PT30S}) — the forms Quarkus accepts.
     */
    public Duration duration(String property, Duration defaultValue) {
        Written w = values.get(property);
        if (w == null) {
            return defaultValue;
        }
        String v = w.value().trim();
        Duration d = null;
        try {
            Matcher m = DURATION.matcher(v);
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                d = Duration.ofSeconds(Long.parseLong(v));
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(v);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            problem(property, "expects a duration such as 30s, 500ms, 2m or PT30S, got \"" + w.value() + "\"");
            return defaultValue;
        }
        if (d.isNegative() || d.isZero()) {
            problem(property, "must be positive, got \"" + w.value() + "\"");
            return defaultValue;
        }
        return d;
    }

    /**
     * A comma-separated list, each entry trimmed; empty when the property is not set. An empty entry is a
     * problem.
     */
    public List<String> list(String property) {
        Written w = values.get(property);
        if (w == null) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String e : w.value().split(",", -1)) {
            String t = e.trim();
            if (t.isEmpty()) {
                problem(property, "has an empty entry: \"" + w.value() + "\"");
                return List.of();
            }
            entries.add(t);
        }
        return entries;
    }

    /**
     * The entries of a declared map property, key → value, sorted by key: {@code map("queries.\"<key>\"")} gives
     * every {@code queries."…"} of the store.
     */
    public Map<String, String> map(String pattern) {
        Map<String, Written> m = maps.get(pattern);
        if (m == null) {
            return Map.of();
        }
        Map<String, String> result = new TreeMap<>();
        m.forEach((k, w) -> result.put(k, w.value()));
        return Collections.unmodifiableMap(result);
    }

    /**
     * The full name of {@code property} (relative, canonical: {@code queries."a.csv"}) as the user wrote it, or as
     * it would be written when it is not set.
     */
    public String fullName(String property) {
        Written w = values.get(property);
        return w != null ? w.fullName() : storePrefix + property;
    }

    /** Records a problem with {@code property} (relative name); {@code message} says the rule it breaks. */
    public void problem(String property, String message) {
        problems.add(new Problem(fullName(property), message));
    }
}
