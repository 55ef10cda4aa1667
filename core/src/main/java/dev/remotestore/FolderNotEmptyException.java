package dev.remotestore;

/** {@link Store#deleteFolder(String, DeleteOption...)} was asked to delete a folder that still holds files, without {@link DeleteOption#RECURSIVE}. Nothing was deleted. */
public class FolderNotEmptyException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public FolderNotEmptyException(String reason, String path, String backend) {
        super(reason, path, backend);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public FolderNotEmptyException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause);
    }
}
