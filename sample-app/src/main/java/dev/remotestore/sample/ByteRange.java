package dev.remotestore.sample;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14): {@code bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffix}.
 */
record ByteRange(long first, long last) {
    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range that {@code header} asks of content of {@code size} bytes, cut to the content; {@code null} when
     * the whole content is to be served (no header, another unit, several ranges, or a header that does not parse,
     * which RFC 9110 says to ignore).
     *
     * @throws ApiException 416 when the range lies wholly past the end
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            if (first < 0 || last < first) {
                return null;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ApiException unsatisfiable(String header, long size) {
        return new ApiException(416, "Range \"" + header + "\" lies past the end of the content (" + size + " bytes)");
    }
}
