package dev.remotestore;

import dev.remotestore.internal.Probe;

/**
 * A file or folder that was asked for does not exist. One that a composite store gets from a tier while it asks
 * its tiers in turn carries no stack trace (the composite drops it and throws one of its own).
 */
public class NotFoundException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** @see RemoteStoreException#RemoteStoreException(String, String, String) */
    public NotFoundException(String reason, String path, String backend) {
        this(reason, path, backend, null);
    }

    /** @see RemoteStoreException#RemoteStoreException(String, String, String, Throwable) */
    public NotFoundException(String reason, String path, String backend, Throwable cause) {
        super(reason, path, backend, cause, !Probe.active());
    }
}
