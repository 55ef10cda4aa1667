package dev.remotestore;

/** A write, move or copy found its target already present and {@link WriteOption#OVERWRITE} was not given. */
public class AlreadyExistsException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public AlreadyExistsException(String reason, String path, String backend) {
        super(reason, path, backend);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public AlreadyExistsException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }
}
