package dev.remotestore.ext;

import dev.remotestore.AtomicOutput;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.RemotePath;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store that reports every operation of another to {@link StoreListener}s: operation, path, bytes, duration
 * and outcome. Reads are reported when their stream closes, with the bytes actually read. Listing streams are
 * reported when they are returned. Thread-safe; listeners may be added at any time.
 */
public final class ObservingStore extends Store {
    private final List<StoreListener> listeners;

    private ObservingStore(ObservingBackend backend) {
        super(backend, RemotePath.ROOT, true);
        this.listeners = backend.listeners;
    }

    /** Observes {@code origin}; closing the observing store closes it. */
    public static ObservingStore of(Store origin, StoreListener... listeners) {
        ObservingStore store = new ObservingStore(new ObservingBackend(origin));
        for (StoreListener l : listeners) {
            store.addListener(l);
        }
        return store;
    }

    /** Adds a listener. */
    public void addListener(StoreListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The backend behind an {@link ObservingStore}. */
    static final class ObservingBackend extends StoreBackend {
        final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

        ObservingBackend(Store origin) {
            super(origin);
        }

        @Override
        public String name() {
            return "observed";
        }

        private void emit(String operation, RemotePath path, long bytes, long startNanos, Throwable failure) {
            StoreEvent event = new StoreEvent(
                    operation,
                    path.toString(),
                    bytes,
                    Duration.ofNanos(System.nanoTime() - startNanos),
                    Optional.ofNullable(failure));
            for (StoreListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException ignored) {
                    // a listener never breaks the operation it observes
                }
            }
        }

        private <T> T observe(String operation, RemotePath path, Supplier<T> call) {
            long start = System.nanoTime();
            try {
                T result = call.get();
                emit(operation, path, -1, start, null);
                return result;
            } catch (RuntimeException e) {
                emit(operation, path, -1, start, e);
                throw e;
            }
        }

        @Override
        public boolean exists(RemotePath path) {
            return observe("exists", path, () -> super.exists(path));
        }

        @Override
        public boolean isFile(RemotePath path) {
            return observe("isFile", path, () -> super.isFile(path));
        }

        @Override
        public boolean isFolder(RemotePath path) {
            return observe("isFolder", path, () -> super.isFolder(path));
        }

        @Override
        public InputStream read(RemotePath path) {
            return observedRead("read", path, () -> super.read(path));
        }

        @Override
        public InputStream readRange(RemotePath path, long offset, long length) {
            return observedRead("readRange", path, () -> super.readRange(path, offset, length));
        }

        private InputStream observedRead(String operation, RemotePath path, Supplier<InputStream> open) {
            long start = System.nanoTime();
            InputStream in;
            try {
                in = open.get();
            } catch (RuntimeException e) {
                emit(operation, path, -1, start, e);
                throw e;
            }
            return new CountingInputStream(in) {
                private IOException failure;
                private boolean reported;

                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (IOException e) {
                        failure = e;
                        throw e;
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        failure = e;
                        throw e;
                    }
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        if (!reported) {
                            reported = true;
                            emit(operation, path, count, start, failure);
                        }
                    }
                }
            };
        }

        private void written(String operation, RemotePath path, InputStream content, Consumer<InputStream> call) {
            long start = System.nanoTime();
            CountingInputStream counted = new CountingInputStream(content);
            try {
                call.accept(counted);
                emit(operation, path, counted.count, start, null);
            } catch (RuntimeException e) {
                emit(operation, path, counted.count, start, e);
                throw e;
            }
        }

        @Override
        public void write(RemotePath path, InputStream content, WriteOptions options) {
            written("write", path, content, in -> super.write(path, in, options));
        }

        @Override
        public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
            written("writeAtomic", path, content, in -> super.writeAtomic(path, in, options));
        }

        @Override
        public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
            return observe("openAtomic", path, () -> super.openAtomic(path, options));
        }

        @Override
        public boolean delete(RemotePath path) {
            return observe("delete", path, () -> super.delete(path));
        }

        @Override
        public boolean deleteIfMatches(RemotePath path, String digest) {
            return observe("deleteIfMatches", path, () -> super.deleteIfMatches(path, digest));
        }

        @Override
        public void deleteFolder(RemotePath path, boolean recursive) {
            observe("deleteFolder", path, () -> {
                super.deleteFolder(path, recursive);
                return null;
            });
        }

        @Override
        public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
            return observe("listFiles", folder, () -> super.listFiles(folder, recursive));
        }

        @Override
        public Stream<String> listFolders(RemotePath folder) {
            return observe("listFolders", folder, () -> super.listFolders(folder));
        }

        @Override
        public FileInfo getFileInfo(RemotePath path) {
            return observe("getFileInfo", path, () -> super.getFileInfo(path));
        }

        @Override
        public FolderInfo getFolderInfo(RemotePath path) {
            return observe("getFolderInfo", path, () -> super.getFolderInfo(path));
        }

        @Override
        public void move(RemotePath source, RemotePath target, WriteOptions options) {
            observe("move", source, () -> {
                super.move(source, target, options);
                return null;
            });
        }

        @Override
        public void copy(RemotePath source, RemotePath target, WriteOptions options) {
            observe("copy", source, () -> {
                super.copy(source, target, options);
                return null;
            });
        }

        @Override
        public ResolutionPlan resolve(RemotePath path) {
            return observe("resolve", path, () -> super.resolve(path));
        }
    }
}
