package dev.remotestore.sql.format;

/** Errors for optional libraries that are missing or cannot start. */
final class Libraries {
    private Libraries() {}

    /** The error for a format whose library is not on the class path. */
    static IllegalStateException missing(String format, String artifacts, Throwable cause) {
        return new IllegalStateException(
                format + " output needs " + artifacts
                        + " on the class path (optional dependencies of remote-store-core): " + cause.getMessage(),
                cause);
    }
}
