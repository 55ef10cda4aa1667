package dev.remotestore.quarkus.runtime.metrics;

import dev.remotestore.ext.StoreEvent;
import dev.remotestore.ext.StoreListener;
import dev.remotestore.quarkus.runtime.StoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Micrometer meters of the stores' operations, from their {@code ObservingStore} events. Every meter is tagged
 * {@code store} (the store the application calls; for a tier, its composite), {@code tier} (the tier's store name,
 * {@code none} for a store that is no tier) and {@code operation} (the {@code Store} method):
 *
 * <ul>
 *   <li>{@code remote.store.operations}: a timer (count and latency), also tagged {@code outcome}
 *       ({@code success} or {@code error}) and {@code exception} (the simple class name, {@code none});
 *   <li>{@code remote.store.bytes}: a distribution summary of the bytes each read or write moved;
 *   <li>{@code remote.store.errors}: a counter of failed operations, also tagged {@code exception}.
 * </ul>
 *
 * A bean only where Micrometer is present and {@code quarkus.remote-store.metrics.enabled} is true.
 */
@Singleton
public class RemoteStoreMeters implements StoreObserver {
    /** Timer of every operation. */
    public static final String OPERATIONS = "remote.store.operations";
    /** Distribution summary of the bytes read or written. */
    public static final String BYTES = "remote.store.bytes";
    /** Counter of failed operations. */
    public static final String ERRORS = "remote.store.errors";

    @Inject
    MeterRegistry registry;

    @Override
    public StoreListener listener(String store, String tier) {
        Tags storeTags = Tags.of("store", store, "tier", tier);
        return event -> record(storeTags.and("operation", event.operation()), event);
    }

    private void record(Tags tags, StoreEvent event) {
        String exception =
                event.failure().map(f -> f.getClass().getSimpleName()).orElse("none");
        Timer.builder(OPERATIONS)
                .description("Operations on remote-store stores")
                .tags(tags)
                .tag("outcome", event.succeeded() ? "success" : "error")
                .tag("exception", exception)
                .register(registry)
                .record(event.duration());
        if (event.bytes() >= 0) {
            DistributionSummary.builder(BYTES)
                    .description("Bytes read from or written to remote-store stores, per operation")
                    .baseUnit("bytes")
                    .tags(tags)
                    .register(registry)
                    .record(event.bytes());
        }
        if (!event.succeeded()) {
            Counter.builder(ERRORS)
                    .description("Failed operations on remote-store stores")
                    .tags(tags)
                    .tag("exception", exception)
                    .register(registry)
                    .increment();
        }
    }
}
