package dev.remotestore.composite;

import dev.remotestore.RemoteStoreException;
import java.util.List;

/**
 * A write-through write reached some tiers and failed on others: {@link #written()} have the new content,
 * {@link #failed()} do not (they keep what they had). The first failure is the cause; later ones are suppressed.
 */
public class PartialWriteException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    private final List<String> written;
    private final List<String> failed;

    PartialWriteException(String path, String backend, List<String> written, List<String> failed, Throwable cause) {
        super(
                "write-through reached tiers " + written + " but failed on " + failed + ": " + cause.getMessage(),
                path,
                backend,
                cause);
        this.written = List.copyOf(written);
        this.failed = List.copyOf(failed);
    }

    /** The tiers that have the new content, in order. */
    public List<String> written() {
        return written;
    }

    /** The tiers the write failed on, in order. */
    public List<String> failed() {
        return failed;
    }
}
