package dev.remotestore;

/** A path is malformed ({@code ..}, NUL, empty), unsafe (it would leave the store root) or names the wrong kind of entry (a folder where a file is needed, or a file used as a folder). The message names the input and the rule. */
public class InvalidPathException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public InvalidPathException(String reason, String path, String backend) {
        this(reason, path, backend, null);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public InvalidPathException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }

    /** The same refusal, naming {@code backend}: for {@link Store}, which knows the backend a path was meant for. */
    InvalidPathException withBackend(String backend) {
        InvalidPathException named = new InvalidPathException(reason(), path(), backend, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
