package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import dev.remotestore.internal.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Locks that keep creators of a key and creators of its ancestors or descendants apart inside this JVM, for
 * databases that cannot do it themselves (H2; docs/adr/007-creating-writes-under-races.md): shared on every
 * ancestor, exclusive on the key. Paths map onto a fixed set of stripes per table; stripes are taken in
 * ascending order, so two callers never wait on each other in a cycle, and a collision only serializes two
 * unrelated writes. Thread-safe.
 */
final class PathLocks {
    private static final int STRIPES = 1024;
    private static final Map<String, PathLocks> BY_SPACE = new ConcurrentHashMap<>();

    private final ReadWriteLock[] stripes = new ReadWriteLock[STRIPES];

    private PathLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantReadWriteLock();
        }
    }

    /** The locks of one table of one database, shared by every backend of this JVM that uses it. */
    static PathLocks of(String space) {
        return BY_SPACE.computeIfAbsent(space, s -> new PathLocks());
    }

    /** What {@link #lockForCreate} took; {@link #close()} releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the locks for creating {@code key}; blocks until they are free. */
    Held lockForCreate(RemotePath key) {
        // stripe -> exclusive?  (an exclusive need wins over a shared one on the same stripe)
        TreeMap<Integer, Boolean> needed = new TreeMap<>();
        for (RemotePath p = key; !p.isRoot(); p = p.parent().orElseThrow()) {
            int stripe = Math.floorMod(p.toString().hashCode(), STRIPES);
            needed.merge(stripe, p.equals(key), Boolean::logicalOr);
        }
        List<Lock> taken = new ArrayList<>(needed.size());
        needed.forEach((stripe, exclusive) -> {
            Lock lock = exclusive ? stripes[stripe].writeLock() : stripes[stripe].readLock();
            lock.lock();
            taken.add(lock);
        });
        return () -> {
            for (int i = taken.size() - 1; i >= 0; i--) {
                taken.get(i).unlock();
            }
        };
    }

    /** A 64-bit lock id of {@code path} in {@code space}: the first 8 bytes of SHA-256 over both. */
    static long hash64(String space, String path) {
        MessageDigest md = Digests.sha256();
        md.update(space.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(path.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest()).getLong();
    }
}
