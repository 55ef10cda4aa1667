package dev.remotestore.ext;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation on an observed store, as {@link ObservingStore} reports it.
 *
 * @param operation the Store method, e.g. {@code read}, {@code write}, {@code listFiles}
 * @param path the path as given to the store
 * @param bytes the bytes read or written, or -1 where the operation moves no content
 * @param duration from the call to its end (for {@code read}: to the close of the stream)
 * @param failure the exception the operation ended with, if it failed
 */
public record StoreEvent(String operation, String path, long bytes, Duration duration, Optional<Throwable> failure) {
    /** Validates the components. */
    public StoreEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
    }

    /** Whether the operation succeeded. */
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
