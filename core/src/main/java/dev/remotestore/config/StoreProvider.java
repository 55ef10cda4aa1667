package dev.remotestore.config;

import dev.remotestore.Store;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store type that {@link StoreFactory} can build from properties, for backends outside core (e.g. an
 * {@code s3} module). Register an implementation with {@link java.util.ServiceLoader}: list its class name in
 * {@code META-INF/services/dev.remotestore.config.StoreProvider}. A type may be provided once; a second provider
 * of the same type (or of a built-in type) makes {@link StoreFactory.Builder#build()} fail.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface StoreProvider {
    /** The value of {@code type} that selects this provider: lower-case letters, digits and dashes ({@code s3}). */
    String type();

    /**
     * The properties this type accepts besides {@code type}, relative to the store: plain names
     * ({@code bucket}) and maps, whose key is written as a quoted placeholder ({@code headers."<name>"}, read
     * with {@link StoreProperties#map(String)}). Any other property of a store of this type is reported as
     * unknown, with the closest of these names as a suggestion.
     */
    Set<String> properties();

    /**
     * Reads and checks one store's properties, recording every problem through {@code properties} (its typed
     * getters do so themselves), and returns what creates the store. Called by
     * {@link StoreFactory.Builder#build()}: it must not connect, open files or start anything — that is the
     * supplier's work, called by {@link StoreFactory#create(String)} and {@link StoreFactory#createAll()}. When
     * a problem was recorded the supplier is never called.
     */
    Supplier<Store> configure(StoreProperties properties);
}
