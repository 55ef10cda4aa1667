package dev.remotestore.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the blob table's {@code extra} column (RFC 8259): written as one flat object of strings, read as
 * any object (strings, numbers as {@link BigDecimal}, booleans, null, nested lists and maps), since another
 * program may have written the column. Core has no JSON library to lean on, and needs no more than this.
 * Not part of the public API. Stateless.
 */
public final class Json {
    private Json() {}

    /** {@code {"name":"value",…}} in the map's order; {@code null} for an empty map. */
    public static String writeObject(Map<String, String> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("{");
        values.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, name);
            out.append(':');
            string(out, value);
        });
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The object {@code json} holds; an empty map for {@code null} or blank text.
     *
     * @throws IllegalArgumentException if {@code json} is not one JSON object
     */
    public static Map<String, Object> readObject(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Parser p = new Parser(json);
        p.space();
        if (p.peek() != '{') {
            throw p.error("an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) p.value();
        p.space();
        if (p.at < json.length()) {
            throw p.error("the end");
        }
        return object;
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        void space() {
            while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not JSON: expected " + expected + " at character " + at);
        }

        void expect(String word) {
            if (!s.startsWith(word, at)) {
                throw error("'" + word + "'");
            }
            at += word.length();
        }

        Object value() {
            space();
            char c = peek();
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek() == '}') {
                        at++;
                        return Collections.unmodifiableMap(map);
                    }
                    while (true) {
                        space();
                        if (peek() != '"') {
                            throw error("a name");
                        }
                        String name = string();
                        space();
                        expect(":");
                        map.put(name, value());
                        space();
                        if (peek() == ',') {
                            at++;
                        } else {
                            expect("}");
                            return Collections.unmodifiableMap(map);
                        }
                    }
                }
                case '[' -> {
                    at++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek() == ']') {
                        at++;
                        return Collections.unmodifiableList(list);
                    }
                    while (true) {
                        list.add(value());
                        space();
                        if (peek() == ',') {
                            at++;
                        } else {
                            expect("]");
                            return Collections.unmodifiableList(list);
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    expect("true");
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    expect("false");
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    expect("null");
                    return null;
                }
                default -> {
                    int start = at;
                    while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                        at++;
                    }
                    if (start == at) {
                        throw error("a value");
                    }
                    try {
                        return new BigDecimal(s.substring(start, at));
                    } catch (NumberFormatException e) {
                        at = start;
                        throw error("a number");
                    }
                }
            }
        }

        String string() {
            at++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (at < s.length()) {
                char c = s.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    break;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("an escape");
                }
            }
            throw error("the end of a string");
        }
    }
}
