package dev.remotestore.s3;

import dev.remotestore.RemotePath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Hierarchical locks of one backend instance: a creating write holds its key exclusively and every folder above it
 * shared, so a write of {@code a} and a write of {@code a/b} never check-and-publish at the same time (WRITE-006/007
 * under races, CONC-005), while writes of distinct keys in one folder run in parallel.
 *
 * <p>Why in-process locks: S3 has no transaction over two keys, so that rule cannot be enforced by the server;
 * within one JVM (one {@link S3Backend}) it holds, between processes it does not (docs/s3-backend.md). Locks are
 * taken from the shallowest path to the deepest, which rules out deadlock. Thread-safe.
 */
final class PathLocks {
    private static final class Entry {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** What {@link #hold} took; closing releases it, deepest first. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds every folder above {@code key} shared and {@code key} itself exclusively. */
    Held hold(RemotePath key) {
        List<String> segments = key.segments();
        List<String> names = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segment);
            names.add(sb.toString());
        }
        List<Runnable> releases = new ArrayList<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Entry e = acquire(name);
                Lock lock = i == names.size() - 1 ? e.lock.writeLock() : e.lock.readLock();
                try {
                    lock.lock();
                } catch (RuntimeException ex) {
                    release(name);
                    throw ex;
                }
                releases.add(() -> {
                    lock.unlock();
                    release(name);
                });
            }
        } catch (RuntimeException e) {
            releaseAll(releases);
            throw e;
        }
        return () -> releaseAll(releases);
    }

    private static void releaseAll(List<Runnable> releases) {
        for (int i = releases.size() - 1; i >= 0; i--) {
            releases.get(i).run();
        }
        releases.clear();
    }

    private Entry acquire(String name) {
        return entries.compute(name, (k, e) -> {
            Entry entry = e == null ? new Entry() : e;
            entry.users++;
            return entry;
        });
    }

    private void release(String name) {
        entries.computeIfPresent(name, (k, e) -> --e.users == 0 ? null : e);
    }
}
