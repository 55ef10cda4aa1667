package dev.remotestore.quarkus.runtime.health;

import dev.remotestore.composite.Tier;
import dev.remotestore.quarkus.runtime.RemoteStores;
import dev.remotestore.quarkus.runtime.StoreProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the stores, named {@code remote-store}: one entry per store ({@code UP}, or {@code DOWN: reason}); a
 * composite's tiers under {@code composite/tier}, the composite down when a tier is. A bean only where SmallRye
 * Health is present and {@code quarkus.remote-store.health.enabled} is true.
 */
@Readiness
@ApplicationScoped
public class RemoteStoreHealthCheck implements HealthCheck {
    /** The name of the check. */
    public static final String NAME = "remote-store";

    @Inject
    Instance<RemoteStores> stores;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up();
        if (stores.isResolvable()) {
            RemoteStores all = stores.get();
            for (String name : all.names()) {
                if (all.compositeOf(name).isEmpty() && !check(all, name, name, builder)) {
                    builder.down();
                }
            }
        }
        return builder.build();
    }

    /** Adds the store's entry (and its tiers'); whether it is up. */
    private static boolean check(RemoteStores all, String name, String entry, HealthCheckResponseBuilder builder) {
        List<Tier> tiers = all.tiers(name);
        if (tiers.isEmpty()) {
            Optional<String> problem = StoreProbe.problem(all.undecorated(name));
            builder.withData(entry, problem.map(p -> "DOWN: " + p).orElse("UP"));
            return problem.isEmpty();
        }
        StringBuilder down = new StringBuilder();
        for (Tier tier : tiers) {
            if (!check(all, tier.name(), entry + "/" + tier.name(), builder)) {
                down.append(down.length() == 0 ? "" : ", ").append(tier.name());
            }
        }
        builder.withData(entry, down.length() == 0 ? "UP" : "DOWN: tiers down: " + down);
        return down.length() == 0;
    }
}
