package dev.remotestore;

/** The backend refused access to a path (file permissions, database privileges). */
public class PermissionDeniedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public PermissionDeniedException(String reason, String path, String backend) {
        super(reason, path, backend);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public PermissionDeniedException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }
}
