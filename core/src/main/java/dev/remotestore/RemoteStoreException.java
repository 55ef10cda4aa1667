package dev.remotestore;

/**
 * Root of every exception the Store API throws. Carries the path that was asked for and the backend that
 * was asked, and prints both, e.g. {@code NotFoundException: reports/x.parquet: no such file (memory)}.
 *
 * <p>Driver and JDK exceptions never escape the API except as the {@linkplain #getCause() cause} of one
 * of these. Every concrete exception is a direct subclass of this class.
 */
public class RemoteStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String path;
    private final String backend;

    /**
     * @param reason what went wrong, without the path or backend (they are appended)
     * @param path the path that was asked for, or {@code null} when none applies
     * @param backend a description of the backend that was asked, or {@code null}
     */
    public RemoteStoreException(String reason, String path, String backend) {
        this(reason, path, backend, null);
    }

    /** Like {@link #RemoteStoreException(String, String, String)} with the underlying cause. */
    public RemoteStoreException(String reason, String path, String backend, Throwable cause) {
        this(reason, path, backend, cause, true);
    }

    /** With or without a stack trace (none for an exception that its thrower's caller drops unseen). */
    RemoteStoreException(String reason, String path, String backend, Throwable cause, boolean stackTrace) {
        super(format(reason, path, backend), cause, true, stackTrace);
        this.reason = reason;
        this.path = path;
        this.backend = backend;
    }

    /** What went wrong, without the path and backend that the message adds around it. */
    public String reason() {
        return reason;
    }

    /** The path that was asked for (as the backend saw it), or {@code null} when none applies. */
    public String path() {
        return path;
    }

    /** A description of the backend that was asked, or {@code null} when none applies. */
    public String backend() {
        return backend;
    }

    private static String format(String reason, String path, String backend) {
        StringBuilder sb = new StringBuilder();
        if (path != null) {
            sb.append('"').append(path).append('"');
            if (reason != null && !reason.isEmpty()) {
                sb.append(": ");
            }
        }
        if (reason != null) {
            sb.append(reason);
        }
        if (backend != null) {
            sb.append(" (").append(backend).append(')');
        }
        return sb.toString();
    }
}
