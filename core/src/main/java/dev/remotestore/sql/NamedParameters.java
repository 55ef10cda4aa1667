package dev.remotestore.sql;

import java.util.List;

/**
 * Rewrites {@code :name} parameters to JDBC's {@code ?}, skipping string literals, quoted identifiers
 * ({@code "x"}, {@code `x`}), comments, PostgreSQL dollar quotes and {@code ::} casts.
 */
final class NamedParameters {
    private NamedParameters() {}

    /**
     * @param names receives each parameter's name in order of use
     * @throws IllegalArgumentException for a bare {@code ?} or an unterminated quote or comment
     */
    static String toJdbc(String sql, List<String> names, String key) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            String tag = c == '$' ? dollarTag(sql, i) : null;
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c, key);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("the query for \"" + key + "\" has an unterminated comment");
                }
                out.append(sql, i, end + 2);
                i = end + 2;
            } else if (tag != null) {
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) {
                    throw new IllegalArgumentException("the query for \"" + key + "\" has an unterminated " + tag);
                }
                out.append(sql, i, end + tag.length());
                i = end + tag.length();
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end)) && sql.charAt(end) != '$') {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
            } else if (c == '?') {
                throw new IllegalArgumentException("the query for \"" + key
                        + "\" has a bare ?; name its parameters after the key's placeholders, as :name");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closing(String sql, int start, char quote, String key) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote != '"') {
                i += 2; // MariaDB escapes inside strings
                continue;
            }
            i++;
        }
        throw new IllegalArgumentException("the query for \"" + key + "\" has an unterminated " + quote);
    }

    /** {@code $$} or {@code $tag$} at {@code i}, or {@code null}. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
