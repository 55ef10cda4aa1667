package dev.remotestore.sql;

import java.util.regex.Pattern;

/**
 * What of a connection may appear in descriptions, plans and messages: a JDBC URL reduced to its kind, host
 * and database, and driver messages with every credential-like value masked. Stateless.
 */
final class Redaction {
    /** {@code name=value} where the name says password, secret, token or key, in URLs and driver messages. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(\\b[\\w.-]*(?:password|passwd|pwd|secret|token|key|credential)[\\w.-]*\\s*=\\s*)[^&;,\\s)]*");

    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private Redaction() {}

    /**
     * A JDBC URL in a few words: scheme, host and database, without user information and without any
     * parameter (parameters can hold credentials and run to kilobytes: a {@code PGSimpleDataSource} lists all
     * of its properties).
     */
    static String location(String url) {
        if (url == null || url.isBlank()) {
            return "a borrowed DataSource";
        }
        String u = USER_INFO.matcher(url).replaceFirst("//");
        int cut = u.length();
        for (char c : new char[] {'?', ';'}) {
            int at = u.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return u.substring(0, cut);
    }

    /** {@code text} with the value of every credential-like {@code name=value} replaced by {@code ***}. */
    static String secrets(String text) {
        return text == null ? null : CREDENTIAL.matcher(text).replaceAll("$1***");
    }
}
