package dev.remotestore.ext;

import dev.remotestore.AtomicOutput;
import dev.remotestore.Capability;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-through cache in front of a slower store: {@code read} and {@code readBytes} are served from a cache
 * {@link Store} (memory or local, say) when it holds a fresh copy, and otherwise fetched from the origin,
 * streamed into the cache, and served from there. Bounded by total bytes (least recently used entries go first)
 * and optionally by a time-to-live. Writes, deletes, moves and copies go to the origin and drop the affected
 * entries; everything else (listing, metadata, ranges of uncached files) is the origin's.
 *
 * <p>Entries live in the cache store under {@code remote-store-cache/xx/<sha256>}, where the SHA-256 covers a
 * namespace (by default the origin's description) and the key: deterministic across runs and processes,
 * never a {@code hashCode()}. The index of entries is kept in memory, so a new {@code CachingStore} starts
 * cold (and overwrites stale entries it finds). Thread-safe.
 */
public final class CachingStore extends Store {
    private final CachingBackend caching;

    private CachingStore(CachingBackend caching) {
        super(caching, RemotePath.ROOT, true);
        this.caching = caching;
    }

    /** A builder over {@code origin}, caching into {@code cache}. */
    public static Builder builder(Store origin, Store cache) {
        return new Builder(origin, cache);
    }

    /** The cache key of {@code key}: lower-case hex SHA-256 of the namespace and the normalized key. */
    public String cacheKey(String key) {
        return caching.cacheKey(RemotePath.of(key));
    }

    /** Hits, misses and evictions so far. */
    public Stats stats() {
        return new Stats(caching.hits.get(), caching.misses.get(), caching.evictions.get(), caching.cachedBytes());
    }

    /**
     * Counters of a caching store.
     *
     * @param hits reads served from the cache
     * @param misses reads fetched from the origin
     * @param evictions entries dropped to stay within the size bound (expired entries not included)
     * @param cachedBytes bytes held in the cache now
     */
    public record Stats(long hits, long misses, long evictions, long cachedBytes) {}

    /** Configures a {@link CachingStore}. Not thread-safe. */
    public static final class Builder {
        private final Store origin;
        private final Store cache;
        private long maxBytes = 64L << 20;
        private Duration timeToLive;
        private String namespace;
        private Clock clock = Clock.systemUTC();

        private Builder(Store origin, Store cache) {
            this.origin = Objects.requireNonNull(origin, "origin");
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** The most bytes the cache holds; default 64 MiB. A file larger than this is never cached. */
        public Builder maxBytes(long bytes) {
            this.maxBytes = bytes;
            return this;
        }

        /** How long an entry stays fresh; default forever (until evicted or invalidated). */
        public Builder timeToLive(Duration ttl) {
            this.timeToLive = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** What the cache keys are qualified with; default the origin's description. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /** The clock of the time-to-live. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The caching store; closing it closes the origin and the cache store.
         *
         * @throws IllegalStateException if maxBytes is not positive or the cache store cannot write
         */
        public CachingStore build() {
            if (maxBytes <= 0) {
                throw new IllegalStateException("maxBytes must be positive, got " + maxBytes);
            }
            if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
                throw new IllegalStateException("timeToLive must be positive, got " + timeToLive);
            }
            if (!cache.supports(Capability.WRITE) || !cache.supports(Capability.READ)) {
                throw new IllegalStateException(
                        "the cache store must read and write, it offers " + cache.capabilities());
            }
            String ns = namespace != null ? namespace : origin.toString();
            return new CachingStore(new CachingBackend(origin, cache, maxBytes, timeToLive, ns, clock));
        }
    }

    /** The backend behind a {@link CachingStore}. */
    static final class CachingBackend extends StoreBackend {
        private static final String PREFIX = "remote-store-cache";

        private record Entry(String path, String location, long size, Instant storedAt) {}

        private final Store cache;
        private final long maxBytes;
        private final Duration ttl;
        private final String namespace;
        private final Clock clock;
        private final LinkedHashMap<String, Entry> index = new LinkedHashMap<>(16, 0.75f, true);
        private long total;
        final AtomicLong hits = new AtomicLong();
        final AtomicLong misses = new AtomicLong();
        final AtomicLong evictions = new AtomicLong();
        /** Counts invalidations: a read that fetched from the origin across one must not index what it fetched. */
        private final AtomicLong generation = new AtomicLong();

        CachingBackend(Store origin, Store cache, long maxBytes, Duration ttl, String namespace, Clock clock) {
            super(origin);
            this.cache = cache;
            this.maxBytes = maxBytes;
            this.ttl = ttl;
            this.namespace = namespace;
            this.clock = clock;
        }

        @Override
        public String name() {
            return "cached";
        }

        String cacheKey(RemotePath path) {
            MessageDigest md = Digests.sha256();
            md.update(namespace.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(path.toString().getBytes(StandardCharsets.UTF_8));
            return Digests.hex(md);
        }

        synchronized long cachedBytes() {
            return total;
        }

        private synchronized Entry fresh(String key) {
            Entry e = index.get(key);
            if (e != null && ttl != null && e.storedAt().plus(ttl).isBefore(clock.instant())) {
                drop(key);
                return null;
            }
            return e;
        }

        /** Removes an entry from the index and the cache store. Caller holds the lock. */
        private void drop(String key) {
            Entry e = index.remove(key);
            if (e != null) {
                total -= e.size();
                cache.deleteIfExists(e.location());
            }
        }

        @Override
        public InputStream read(RemotePath path) {
            String key = cacheKey(path);
            Entry e = fresh(key);
            if (e != null) {
                try {
                    InputStream in = cache.read(e.location());
                    hits.incrementAndGet();
                    return in;
                } catch (NotFoundException gone) {
                    synchronized (this) {
                        drop(key);
                    }
                }
            }
            misses.incrementAndGet();
            long seen = generation.get();
            String location = PREFIX + "/" + key.substring(0, 2) + "/" + key;
            long size;
            try (InputStream in = origin.read(path.toString());
                    CountingInputStream counted = new CountingInputStream(in)) {
                cache.write(location, counted, WriteOption.OVERWRITE);
                size = counted.count;
            } catch (IOException ex) {
                throw new RemoteStoreException("caching failed: " + ex, path.toString(), description(), ex);
            }
            if (size > maxBytes) {
                cache.deleteIfExists(location);
                return origin.read(path.toString());
            }
            synchronized (this) {
                if (generation.get() != seen) {
                    // a write or delete ran meanwhile: what was fetched may be the old version; do not keep it
                    index.remove(key);
                    return cache.read(location);
                }
                drop(key);
                index.put(key, new Entry(path.toString(), location, size, clock.instant()));
                total += size;
                evictOver();
            }
            return cache.read(location);
        }

        /** Drops least recently used entries (never the newest) until the cache is within its bound. */
        private void evictOver() {
            Iterator<Map.Entry<String, Entry>> it = index.entrySet().iterator();
            while (total > maxBytes && index.size() > 1 && it.hasNext()) {
                Map.Entry<String, Entry> eldest = it.next();
                it.remove();
                total -= eldest.getValue().size();
                cache.deleteIfExists(eldest.getValue().location());
                evictions.incrementAndGet();
            }
        }

        @Override
        public InputStream readRange(RemotePath path, long offset, long length) {
            Entry e = fresh(cacheKey(path));
            if (e != null && cache.supports(Capability.SEEKABLE_READ)) {
                try {
                    InputStream in = cache.readRange(e.location(), offset, length);
                    hits.incrementAndGet();
                    return in;
                } catch (NotFoundException gone) {
                    // fall back to the origin
                }
            }
            return origin.readRange(path.toString(), offset, length);
        }

        private synchronized void invalidate(RemotePath path) {
            generation.incrementAndGet();
            drop(cacheKey(path));
        }

        private synchronized void invalidateBelow(RemotePath folder) {
            generation.incrementAndGet();
            List<String> keys = new ArrayList<>();
            index.forEach((k, e) -> {
                if (RemotePath.of(e.path()).startsWith(folder)) {
                    keys.add(k);
                }
            });
            keys.forEach(this::drop);
        }

        @Override
        public void write(RemotePath path, InputStream content, WriteOptions options) {
            try {
                super.write(path, content, options);
            } finally {
                invalidate(path);
            }
        }

        @Override
        public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
            try {
                super.writeAtomic(path, content, options);
            } finally {
                invalidate(path);
            }
        }

        @Override
        public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
            invalidate(path);
            AtomicOutput out = super.openAtomic(path, options);
            return new AtomicOutput() {
                @Override
                protected void writeBytes(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                protected void publish() {
                    try {
                        out.commit();
                    } finally {
                        invalidate(path);
                    }
                }

                @Override
                protected void discard() {
                    out.close();
                }

                @Override
                protected String describeTarget() {
                    return path.toString();
                }
            };
        }

        @Override
        public boolean delete(RemotePath path) {
            try {
                return super.delete(path);
            } finally {
                invalidate(path);
            }
        }

        @Override
        public boolean deleteIfMatches(RemotePath path, String digest) {
            try {
                return super.deleteIfMatches(path, digest);
            } finally {
                invalidate(path);
            }
        }

        @Override
        public void deleteFolder(RemotePath path, boolean recursive) {
            try {
                super.deleteFolder(path, recursive);
            } finally {
                invalidateBelow(path);
            }
        }

        @Override
        public void move(RemotePath source, RemotePath target, WriteOptions options) {
            try {
                super.move(source, target, options);
            } finally {
                invalidate(source);
                invalidate(target);
            }
        }

        @Override
        public void copy(RemotePath source, RemotePath target, WriteOptions options) {
            try {
                super.copy(source, target, options);
            } finally {
                invalidate(target);
            }
        }

        @Override
        public ResolutionPlan resolve(RemotePath path) {
            ResolutionPlan plan = super.resolve(path);
            Map<String, Object> details = new LinkedHashMap<>(plan.details());
            String key = cacheKey(path);
            details.put("cacheKey", key);
            details.put("cached", fresh(key) != null);
            return new ResolutionPlan(plan.kind(), plan.backend(), plan.key(), details);
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                cache.close();
            }
        }
    }
}
