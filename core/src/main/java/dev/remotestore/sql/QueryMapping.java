package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key (or key pattern) mapped to one query. A key with placeholders — {@code sales/{year:int}-Q{quarter:int}.parquet}
 * — matches keys of that shape; its query names the values as {@code :year}, {@code :quarter}, and they are
 * bound as JDBC parameters, typed as the placeholder says, never pasted into the SQL. A key without
 * placeholders is looked up exactly and its SQL is sent as written. Immutable.
 */
final class QueryMapping {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?}");

    /** What a placeholder matches and binds. */
    enum Type {
        STRING("[^/]+?"),
        INT("-?[0-9]{1,18}"),
        DECIMAL("-?[0-9]{1,30}(?:\\.[0-9]{1,30})?"),
        DATE("[0-9]{4}-[0-9]{2}-[0-9]{2}");

        final String regex;

        Type(String regex) {
            this.regex = regex;
        }

        Object parse(String text) {
            return switch (this) {
                case STRING -> text;
                case INT -> Long.parseLong(text);
                case DECIMAL -> new BigDecimal(text);
                case DATE -> LocalDate.parse(text);
            };
        }
    }

    final String key;
    final String source;
    final String sql;
    final String format;
    private final Pattern regex;
    private final Map<String, Type> placeholders;
    private final String jdbcSql;
    private final List<String> parameterOrder;

    private QueryMapping(
            String key,
            String source,
            String sql,
            String format,
            Pattern regex,
            Map<String, Type> placeholders,
            String jdbcSql,
            List<String> parameterOrder) {
        this.key = key;
        this.source = source;
        this.sql = sql;
        this.format = format;
        this.regex = regex;
        this.placeholders = placeholders;
        this.jdbcSql = jdbcSql;
        this.parameterOrder = parameterOrder;
    }

    /**
     * Parses a mapping.
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    static QueryMapping of(String key, String sql, String source) {
        return of(key, sql, source, null);
    }

    /**
     * Parses a mapping served in {@code format} whatever the key's extension ({@code null}: by the extension).
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    static QueryMapping of(String key, String sql, String source, String format) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a query mapping needs a key, got \"" + key + "\"");
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("the query for \"" + key + "\" is empty");
        }
        Matcher m = PLACEHOLDER.matcher(key);
        Map<String, Type> placeholders = new LinkedHashMap<>();
        StringBuilder regex = new StringBuilder();
        StringBuilder sample = new StringBuilder();
        int at = 0;
        while (m.find()) {
            String literal = key.substring(at, m.start());
            regex.append(Pattern.quote(literal));
            sample.append(literal);
            String name = m.group(1);
            Type type = type(key, m.group(2));
            if (placeholders.put(name, type) != null) {
                throw new IllegalArgumentException("the key pattern \"" + key + "\" names {" + name + "} twice");
            }
            regex.append('(').append(type.regex).append(')');
            sample.append("x");
            at = m.end();
        }
        String tail = key.substring(at);
        if (tail.contains("{") || tail.contains("}") || sample.toString().contains("{")) {
            throw new IllegalArgumentException(
                    "the key \"" + key
                            + "\" has a brace that is not a placeholder; placeholders are {name} or {name:int|decimal|date|string}");
        }
        regex.append(Pattern.quote(tail));
        sample.append(tail);
        String normalized = RemotePath.of(sample.toString()).toString();
        if (placeholders.isEmpty() && !normalized.equals(key)) {
            throw new IllegalArgumentException(
                    "the key \"" + key + "\" is not in normal form; write it as \"" + normalized + "\"");
        }
        String name = normalized.substring(normalized.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        if (format != null) {
            extension = format;
        } else if (extension.isEmpty() || !tail.endsWith("." + extension)) {
            throw new IllegalArgumentException("the key \"" + key
                    + "\" has no file extension; the extension picks the format (e.g. .parquet, .csv)");
        }
        List<String> order = new ArrayList<>();
        String jdbcSql = NamedParameters.toJdbc(sql, order, key); // refuses a bare ?
        if (placeholders.isEmpty()) {
            if (!order.isEmpty()) {
                throw new IllegalArgumentException("the query for \"" + key + "\" uses :" + order.get(0)
                        + " but the key has no placeholders; a parameter takes its value from a {" + order.get(0)
                        + "} in the key");
            }
            return new QueryMapping(
                    key, source, sql, extension.toLowerCase(Locale.ROOT), null, Map.of(), sql, List.of());
        }
        Set<String> used = new LinkedHashSet<>(order);
        for (String p : used) {
            if (!placeholders.containsKey(p)) {
                throw new IllegalArgumentException(
                        "the query for \"" + key + "\" uses :" + p + " but the key has no {" + p + "}");
            }
        }
        for (String p : placeholders.keySet()) {
            if (!used.contains(p)) {
                throw new IllegalArgumentException(
                        "the key \"" + key + "\" has {" + p + "} but its query never uses :" + p);
            }
        }
        return new QueryMapping(
                key,
                source,
                sql,
                extension.toLowerCase(Locale.ROOT),
                Pattern.compile(regex.toString()),
                java.util.Collections.unmodifiableMap(placeholders),
                jdbcSql,
                List.copyOf(order));
    }

    private static Type type(String key, String name) {
        if (name == null) {
            return Type.STRING;
        }
        try {
            return Type.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key pattern \"" + key + "\" has the placeholder type \"" + name
                    + "\"; known types are string, int, decimal, date");
        }
    }

    boolean isPattern() {
        return regex != null;
    }

    /** The SQL to prepare: with {@code ?} for every named parameter of a pattern. */
    String jdbcSql() {
        return jdbcSql;
    }

    /**
     * The named values of {@code path} if it matches this pattern (typed as declared), in the order the
     * placeholders appear in the key.
     */
    Optional<Map<String, Object>> match(String path) {
        Matcher m = regex.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            int group = 1;
            for (Map.Entry<String, Type> p : placeholders.entrySet()) {
                values.put(p.getKey(), p.getValue().parse(m.group(group++)));
            }
        } catch (RuntimeException notOfItsType) {
            return Optional.empty(); // e.g. 2024-13-45 is shaped like a date and is none
        }
        return Optional.of(values);
    }

    /** The JDBC parameters, in the order the SQL uses them. */
    List<Object> bind(Map<String, Object> values) {
        List<Object> binds = new ArrayList<>(parameterOrder.size());
        for (String name : parameterOrder) {
            binds.add(values.get(name));
        }
        return binds;
    }
}
