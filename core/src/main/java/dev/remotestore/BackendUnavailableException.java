package dev.remotestore;

/** The backend cannot be reached or has been closed: a database that is down, a pool that is exhausted, a root directory that is gone. Retrying later may succeed. */
public class BackendUnavailableException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public BackendUnavailableException(String reason, String path, String backend) {
        super(reason, path, backend);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public BackendUnavailableException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }
}
