package dev.remotestore.sample;

import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The rules for what an upload says about itself: its file name, title and content type. */
final class Uploads {
    static final int MAX_FILE_NAME = 255;
    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT_TYPE = 255;

    private Uploads() {}

    /** The file name: required, at most 255 characters, no path separators and no control characters. */
    static String fileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new ApiException(400, "filename is missing: give the uploaded file's name (?filename=report.pdf)");
        }
        String name = fileName.strip();
        if (name.length() > MAX_FILE_NAME) {
            throw new ApiException(400, "filename has " + name.length() + " characters; at most " + MAX_FILE_NAME);
        }
        if (name.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))
                || name.equals(".")
                || name.equals("..")) {
            throw new ApiException(
                    400,
                    "filename \"" + printable(name) + "\" is no plain file name: no '/', '\\', control characters,"
                            + " '.' or '..'");
        }
        return name;
    }

    /** The title: the file name unless given; at most 200 characters, no control characters. */
    static String title(String title, String fileName) {
        if (title == null || title.isBlank()) {
            return fileName.length() > MAX_TITLE ? fileName.substring(0, MAX_TITLE) : fileName;
        }
        String t = title.strip();
        if (t.length() > MAX_TITLE || t.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(
                    400, "title \"" + printable(t) + "\": at most " + MAX_TITLE + " characters, no control characters");
        }
        return t;
    }

    /** The content type of the body: {@code application/octet-stream} when none is given. */
    static String contentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String type = contentType.strip();
        try {
            MediaType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Content-Type \"" + printable(type) + "\" is no media type");
        }
        if (type.length() > MAX_CONTENT_TYPE) {
            throw new ApiException(
                    400, "Content-Type has " + type.length() + " characters; at most " + MAX_CONTENT_TYPE);
        }
        return type;
    }

    /** A Content-Disposition that downloads as {@code fileName}, in ASCII and in UTF-8 (RFC 6266). */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String utf8 = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }

    /** {@code s} with control characters shown as {@code \u0000}, for messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
