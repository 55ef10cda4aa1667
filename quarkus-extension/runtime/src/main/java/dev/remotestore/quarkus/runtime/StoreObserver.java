package dev.remotestore.quarkus.runtime;

import dev.remotestore.ext.StoreListener;

/**
 * Turns the operations of one store into measurements: a bean only where a metrics extension is present (so that
 * nothing here refers to a metrics library).
 */
public interface StoreObserver {
    /**
     * The listener of one store's operations.
     *
     * @param store the store the application calls: the composite, for a composite's tier
     * @param tier the tier's name, or {@code none} for a store that is no tier
     */
    StoreListener listener(String store, String tier);
}
