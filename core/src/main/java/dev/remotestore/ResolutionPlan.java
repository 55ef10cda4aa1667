package dev.remotestore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a key would be resolved, answered by {@link Store#resolve(String)} without reading any content.
 *
 * @param kind the resolution strategy: {@code "blob"}, {@code "sql_blob"}, {@code "sql_query"}, {@code
 *     "composite"}
 * @param backend a description of the backend that would answer
 * @param key the key as the backend sees it (the store root included)
 * @param details strategy-specific facts, e.g. {@code table} for {@code sql_blob}; unmodifiable, in
 *     the order the backend gave them
 */
public record ResolutionPlan(String kind, String backend, String key, Map<String, Object> details) {
    /** Validates the components and freezes {@code details}. */
    public ResolutionPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(key, "key");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
