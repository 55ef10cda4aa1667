package dev.remotestore.config;

import dev.remotestore.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every configured store, created once by {@link StoreFactory#createAll()}. A composite's tiers are the same
 * instances as the stores of those names here. Closing this closes every store: each that is no tier, last
 * created first, and each composite its tiers. Close this, not the stores one by one: closing a tier's store
 * alone would close it under its composite. Thread-safe.
 */
public final class Stores implements AutoCloseable {
    private final Map<String, Store> stores;
    private final List<Store> roots;

    Stores(Map<String, Store> stores, List<Store> roots) {
        this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores));
        this.roots = List.copyOf(roots);
    }

    /**
     * The store {@code name} ({@link StoreFactory#DEFAULT} for the default store).
     *
     * @throws IllegalArgumentException if no store {@code name} is configured
     */
    public Store get(String name) {
        Store s = stores.get(Objects.requireNonNull(name, "name"));
        if (s == null) {
            throw new IllegalArgumentException("no store \"" + name + "\" is configured; the stores are " + names());
        }
        return s;
    }

    /** The store names, in {@link StoreFactory#names()}'s order. */
    public Set<String> names() {
        return stores.keySet();
    }

    /** Name → store. */
    public Map<String, Store> asMap() {
        return stores;
    }

    /**
     * Closes every store (an owned pool with it; a handed-in datasource stays open). A failure to close one does
     * not stop the others; the first is thrown with the rest suppressed.
     */
    @Override
    public void close() {
        List<Store> order = new ArrayList<>(roots);
        Collections.reverse(order);
        RuntimeException failure = null;
        for (Store s : order) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
