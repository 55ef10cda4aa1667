package dev.remotestore.local;

import dev.remotestore.RemotePath;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publish locks of one root directory (ADR 006): a lock per stripe of keys, held at once by a thread of this
 * JVM (a {@link ReentrantLock}) and by this process (a POSIX record lock on one byte of the root's
 * {@code .~rs-lock} file), so that checking a target and renaming onto it is one step for every
 * {@link LocalBackend} on that root, in any process.
 *
 * <p>One instance per root directory and JVM, shared by every backend on it: the JDK keeps file locks per
 * process and file, so two channels of one JVM on the lock file would clash (or release each other's locks
 * when closed). Locks are taken with {@code tryLock}, which the JDK does not make interruptible; a blocking
 * {@code lock} would close the shared channel when its thread is interrupted.
 */
final class PublishLocks {
    static final String FILE_NAME = LocalBackend.TEMP_PREFIX + "lock";
    private static final int STRIPES = 1024;
    private static final long MAX_PAUSE_NANOS = 10_000_000;
    private static final Map<Object, PublishLocks> SHARED = new HashMap<>();

    private final Object rootKey;
    private final SecureDirectoryStream<Path> rootDir;
    private final Path fileName;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private int users; // guarded by SHARED
    private boolean closed; // guarded by SHARED and by every stripe
    private FileChannel channel; // guarded by this; opened on first use, so a read-only root needs no lock file

    private PublishLocks(Object rootKey, SecureDirectoryStream<Path> rootDir, Path fileName) {
        this.rootKey = rootKey;
        this.rootDir = rootDir;
        this.fileName = fileName;
        Arrays.setAll(stripes, i -> new ReentrantLock());
    }

    /**
     * The locks of the root directory whose file key is {@code rootKey}. The first user opens a handle of its own
     * from {@code rootDir} ({@code dot} names the directory itself). Each call is balanced by one
     * {@link #release()}.
     */
    static PublishLocks forRoot(Object rootKey, SecureDirectoryStream<Path> rootDir, Path dot) throws IOException {
        synchronized (SHARED) {
            PublishLocks locks = SHARED.get(rootKey);
            if (locks == null) {
                locks = new PublishLocks(
                        rootKey,
                        rootDir.newDirectoryStream(dot, LinkOption.NOFOLLOW_LINKS),
                        dot.getFileSystem().getPath(FILE_NAME));
                SHARED.put(rootKey, locks);
            }
            locks.users++;
            return locks;
        }
    }

    /** Ends one user's use; the last one closes the lock file, once no thread holds a stripe. */
    void release() {
        synchronized (SHARED) {
            if (--users > 0) {
                return;
            }
            SHARED.remove(rootKey);
            for (ReentrantLock stripe : stripes) {
                stripe.lock();
            }
            try {
                closed = true;
                synchronized (this) {
                    closeQuietly(channel);
                }
                closeQuietly(rootDir);
            } finally {
                for (ReentrantLock stripe : stripes) {
                    stripe.unlock();
                }
            }
        }
    }

    /** Holds the publish locks of {@code keys} until {@link Held#close()}. Never call it while holding one. */
    Held hold(RemotePath... keys) throws IOException {
        int[] wanted = Arrays.stream(keys)
                .mapToInt(k -> Math.floorMod(k.toString().hashCode(), STRIPES))
                .distinct()
                .sorted() // one global order: two holders of two stripes each never wait for each other
                .toArray();
        Held held = new Held();
        try {
            for (int stripe : wanted) {
                stripes[stripe].lock();
                held.stripes.add(stripe);
                if (closed) {
                    throw new IllegalStateException("the backend is closed");
                }
                held.fileLocks.add(lockByte(stripe));
            }
            return held;
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** This process's lock on byte {@code stripe} of the lock file; waits while another process holds it. */
    private FileLock lockByte(int stripe) throws IOException {
        long pause = 50_000;
        for (; ; ) {
            FileLock lock = channel().tryLock(stripe, 1, false);
            if (lock != null) {
                return lock;
            }
            // Another process holds this stripe for the moment of a rename or a compare-and-delete.
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for another process's publish lock");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null) {
            SeekableByteChannel c = rootDir.newByteChannel(
                    fileName,
                    Set.of(
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS));
            channel = LocalBackend.fileChannel(c);
        }
        return channel;
    }

    /** Held publish locks; closing releases them. */
    final class Held implements AutoCloseable {
        private final List<Integer> stripes = new ArrayList<>(2);
        private final List<FileLock> fileLocks = new ArrayList<>(2);

        @Override
        public void close() {
            for (int i = fileLocks.size() - 1; i >= 0; i--) {
                try {
                    fileLocks.get(i).release();
                } catch (IOException ignored) {
                    // the channel is closed, which released the lock already
                }
            }
            for (int i = stripes.size() - 1; i >= 0; i--) {
                PublishLocks.this.stripes[stripes.get(i)].unlock();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing is held through it any more
            }
        }
    }
}
