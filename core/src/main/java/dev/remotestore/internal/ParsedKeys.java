package dev.remotestore.internal;

import dev.remotestore.FileInfo;
import dev.remotestore.RemotePath;
import dev.remotestore.Store;
import java.io.InputStream;

/**
 * Calls into a {@link Store} with a key that is already a {@link RemotePath}: what a composite uses to ask its
 * tiers, which would otherwise spell the key as text and have each tier's store parse and validate it again (about
 * a twentieth of a composite read that hits a memory tier, profiled in {@code CompositeReadBenchmark}). Each call
 * does what the store's method of the same name does with {@code key.toString()}: the same root, the same
 * capability checks, the same failures. A store whose class overrides that method is called through the method.
 *
 * <p>Not part of the public API: {@link Store} installs the only implementation when it is initialized. Thread-safe.
 */
public final class ParsedKeys {
    /** The calls; {@code key} is relative to the store's root, as the text the store's methods take. */
    public interface Access {
        InputStream read(Store store, RemotePath key);

        InputStream readRange(Store store, RemotePath key, long offset, long length);

        FileInfo getFileInfo(Store store, RemotePath key);

        boolean exists(Store store, RemotePath key);

        boolean isFile(Store store, RemotePath key);

        boolean isFolder(Store store, RemotePath key);
    }

    private static volatile Access access;

    private ParsedKeys() {}

    /**
     * Installs {@link Store}'s implementation; called once, from {@code Store}'s static initializer.
     *
     * @throws IllegalStateException on a second call
     */
    public static synchronized void install(Access implementation) {
        if (access != null || implementation.getClass().getEnclosingClass() != Store.class) {
            throw new IllegalStateException("ParsedKeys is installed by Store alone, once");
        }
        access = implementation;
    }

    /** The calls. */
    public static Access access() {
        Access a = access;
        if (a == null) {
            initialize(Store.class);
            a = access;
        }
        return a;
    }

    private static void initialize(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
