package dev.remotestore.ext;

/**
 * Receives the events of an {@link ObservingStore}: the hook for metrics and tracing. Called on the thread that
 * ran the operation; must be thread-safe and quick. An exception it throws is ignored, never the operation's.
 */
@FunctionalInterface
public interface StoreListener {
    /** One operation ended. */
    void onEvent(StoreEvent event);
}
