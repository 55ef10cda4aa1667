package dev.remotestore.sql;

import java.util.Map;

/**
 * Query mappings that come from somewhere else than the builder — JPA named native queries, a properties
 * file — read once when the backend is built. Their keys follow the rules of
 * {@link SqlQueryBackend.Builder#query(String, String)} (placeholders included).
 */
public interface QuerySource {
    /** The label that {@code resolve(key)} reports as {@code source}, e.g. {@code "named"}. */
    String name();

    /** Key (or key pattern) → SQL. */
    Map<String, String> queries();
}
