package dev.remotestore.config;

import dev.remotestore.Store;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/** The types {@code local} and {@code memory}. */
final class BasicTypes {
    private BasicTypes() {}

    /** {@code local}: {@link LocalBackend} over {@code root}, a directory created when the store is. */
    static final class Local implements StoreProvider {
        @Override
        public String type() {
            return "local";
        }

        @Override
        public Set<String> properties() {
            return Set.of("root");
        }

        @Override
        public Supplier<Store> configure(StoreProperties p) {
            String root = p.required("root");
            if (root == null) {
                return null;
            }
            Path path;
            try {
                path = Path.of(root);
            } catch (InvalidPathException e) {
                p.problem("root", "is not a valid path: " + e.getMessage());
                return null;
            }
            String unusable = unusableRoot(path);
            if (unusable != null) {
                p.problem("root", unusable);
                return null;
            }
            return () -> Store.of(new LocalBackend(path));
        }
    }

    /**
     * Why {@code root} cannot be a store root, seen without creating anything (CONF-008): it exists and is no
     * directory, or the nearest existing path above it is no directory. {@code null} if it looks usable; what
     * only creating it shows (permissions) is reported when the store is created.
     */
    static String unusableRoot(Path root) {
        Path absolute = root.toAbsolutePath();
        if (Files.exists(absolute)) {
            return Files.isDirectory(absolute) ? null : "is not a directory: " + absolute;
        }
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : "cannot be created: " + p + " is not a directory";
            }
        }
        return null;
    }

    /** {@code memory}: a {@link MemoryBackend}, empty when created. */
    static final class Memory implements StoreProvider {
        @Override
        public String type() {
            return "memory";
        }

        @Override
        public Set<String> properties() {
            return Set.of();
        }

        @Override
        public Supplier<Store> configure(StoreProperties p) {
            return () -> Store.of(new MemoryBackend());
        }
    }
}
