package dev.remotestore.composite;

import dev.remotestore.Glob;
import dev.remotestore.RemotePath;
import dev.remotestore.Store;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of a {@link CompositeStore}: a name, the {@link Store} behind it, and optionally a glob pattern; keys
 * that match a tier's pattern resolve through that tier only. Immutable.
 */
public final class Tier {
    private final String name;
    private final Store store;
    private final String pattern;
    private final Glob glob;

    private Tier(String name, Store store, String pattern) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tier needs a name, got \"" + name + "\"");
        }
        this.name = name;
        this.store = Objects.requireNonNull(store, "store");
        this.pattern = pattern;
        this.glob = pattern == null ? null : Glob.compile(RemotePath.ROOT, pattern);
    }

    /** A tier that any key may fall through to. */
    public static Tier of(String name, Store store) {
        return new Tier(name, store, null);
    }

    /**
     * A tier for the keys that match {@code matchPattern} (a glob such as {@code archive/**}, relative to the
     * composite's root); those keys resolve through this tier only.
     */
    public static Tier of(String name, Store store, String matchPattern) {
        return new Tier(name, store, Objects.requireNonNull(matchPattern, "matchPattern"));
    }

    /** The tier's name. */
    public String name() {
        return name;
    }

    /** The store behind the tier. */
    public Store store() {
        return store;
    }

    /** The match pattern, if the tier has one. */
    public Optional<String> matchPattern() {
        return Optional.ofNullable(pattern);
    }

    boolean matches(RemotePath key) {
        return glob != null && glob.matches(key);
    }

    boolean hasPattern() {
        return glob != null;
    }

    @Override
    public String toString() {
        return name + (pattern == null ? "" : " [" + pattern + "]") + " → " + store;
    }
}
