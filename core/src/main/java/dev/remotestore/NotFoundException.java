package dev.remotestore;

/** A file or folder that was asked for does not exist. */
public class NotFoundException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public NotFoundException(String reason, String path, String backend) {
        super(reason, path, backend);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public NotFoundException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }
}
