package dev.remotestore.quarkus.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A run-time configuration as SmallRye Config would map it: store → property → value (maps written flat). */
final class FakeRuntimeConfig implements RemoteStoreRuntimeConfig {
    private final Map<String, StoreRuntimeConfig> stores = new LinkedHashMap<>();

    /** Adds a store's properties: {@code url}, {@code queries.<key>}, {@code tier.<name>.match}… */
    FakeRuntimeConfig store(String name, Map<String, String> properties) {
        stores.put(name, new Store(properties));
        return this;
    }

    @Override
    public Map<String, StoreRuntimeConfig> stores() {
        return stores;
    }

    private record Store(Map<String, String> p) implements StoreRuntimeConfig {
        private Optional<String> get(String name) {
            return Optional.ofNullable(p.get(name));
        }

        private Map<String, String> map(String prefix) {
            Map<String, String> m = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    m.put(k.substring(prefix.length()), v);
                }
            });
            return m;
        }

        @Override
        public Optional<String> url() {
            return get("url");
        }

        @Override
        public Optional<String> username() {
            return get("username");
        }

        @Override
        public Optional<String> password() {
            return get("password");
        }

        @Override
        public Optional<String> maxPoolSize() {
            return get("max-pool-size");
        }

        @Override
        public Optional<String> connectionTimeout() {
            return get("connection-timeout");
        }

        @Override
        public Optional<String> table() {
            return get("table");
        }

        @Override
        public Optional<String> createTable() {
            return get("create-table");
        }

        @Override
        public Optional<String> maxBlobSize() {
            return get("max-blob-size");
        }

        @Override
        public Map<String, String> queries() {
            return map("queries.");
        }

        @Override
        public Optional<String> namedQueries() {
            return get("named-queries");
        }

        @Override
        public Optional<String> strict() {
            return get("strict");
        }

        @Override
        public Optional<String> root() {
            return get("root");
        }

        @Override
        public Optional<String> bucket() {
            return get("bucket");
        }

        @Override
        public Optional<String> prefix() {
            return get("prefix");
        }

        @Override
        public Optional<String> region() {
            return get("region");
        }

        @Override
        public Optional<String> endpoint() {
            return get("endpoint");
        }

        @Override
        public Optional<String> pathStyle() {
            return get("path-style");
        }

        @Override
        public Optional<String> accessKeyId() {
            return get("access-key-id");
        }

        @Override
        public Optional<String> secretAccessKey() {
            return get("secret-access-key");
        }

        @Override
        public Optional<String> partSize() {
            return get("part-size");
        }

        @Override
        public Optional<String> conditionalWrites() {
            return get("conditional-writes");
        }

        @Override
        public Optional<String> tiers() {
            return get("tiers");
        }

        @Override
        public Optional<String> writeTier() {
            return get("write-tier");
        }

        @Override
        public Optional<String> writeThrough() {
            return get("write-through");
        }

        @Override
        public Map<String, TierConfig> tier() {
            Map<String, TierConfig> tiers = new LinkedHashMap<>();
            map("tier.").forEach((k, v) -> {
                String tier = k.substring(0, k.length() - ".match".length());
                tiers.put(tier, () -> Optional.of(v));
            });
            return tiers;
        }
    }
}
