package dev.remotestore.config;

import dev.remotestore.Glob;
import dev.remotestore.InvalidPathException;
import dev.remotestore.RemotePath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The type {@code composite}: a {@link dev.remotestore.composite.CompositeStore} over other configured stores. What
 * one store's properties say is checked here; how the stores refer to each other (unknown names, cycles, a store
 * in two composites) by {@link StoreFactory.Builder#build()}.
 */
final class CompositeType {
    static final String TYPE = "composite";
    static final Set<String> PROPERTIES = Set.of("tiers", "write-tier", "write-through", "tier.\"<name>\".match");

    /** A checked composite: its tiers in order, each tier's match pattern, and the builder's options. */
    record Recipe(
            StoreProperties properties,
            List<String> tiers,
            Map<String, String> matches,
            String writeTier,
            boolean writeThrough) {}

    private CompositeType() {}

    static Recipe configure(StoreProperties p) {
        List<String> tiers = p.list("tiers");
        if (!p.has("tiers")) {
            p.problem("tiers", "is missing; a composite needs the names of its tier stores, in tier order");
        } else {
            Set<String> distinct = new LinkedHashSet<>(tiers);
            if (distinct.size() != tiers.size()) {
                p.problem("tiers", "names a store twice: " + tiers);
            }
            if (tiers.contains(p.storeName())) {
                p.problem("tiers", "names the composite itself (\"" + p.storeName() + "\")");
            }
        }
        String writeTier = p.string("write-tier").map(String::trim).orElse(null);
        if (writeTier != null && !tiers.isEmpty() && !tiers.contains(writeTier)) {
            p.problem("write-tier", "is \"" + writeTier + "\", which is not one of the tiers " + tiers);
        }
        boolean writeThrough = p.bool("write-through", false);
        Map<String, String> matches = new TreeMap<>();
        p.map("tier.\"<name>\".match").forEach((tier, pattern) -> matches.put(tier, pattern.trim()));
        matches.forEach((tier, pattern) -> {
            String property = "tier.\"" + tier + "\".match";
            if (!tiers.isEmpty() && !tiers.contains(tier)) {
                p.problem(property, "is for the tier \"" + tier + "\", which is not one of the tiers " + tiers);
            }
            try {
                Glob.compile(RemotePath.ROOT, pattern);
            } catch (InvalidPathException e) {
                p.problem(property, "is not a valid glob pattern (\"" + pattern + "\"): " + e.reason());
            }
        });
        return new Recipe(p, tiers, matches, writeTier, writeThrough);
    }
}
