package dev.remotestore.sample;

/** A request the application refuses, with the HTTP status and the message of its JSON error body. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
