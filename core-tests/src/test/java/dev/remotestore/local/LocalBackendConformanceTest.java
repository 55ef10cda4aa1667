package dev.remotestore.local;

import dev.remotestore.Store;
import dev.remotestore.testkit.StoreConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Files under a directory against the whole contract. */
class LocalBackendConformanceTest extends StoreConformanceTest {
    @TempDir
    static Path tmp;

    @Override
    protected Store createStore() {
        try {
            return Store.of(new LocalBackend(Files.createTempDirectory(tmp, "store")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected boolean keepsContentType() {
        return false;
    }

    /** Files carry no facts beside their bytes (extended attributes are not portable enough to rely on). */
    @Override
    protected boolean keepsExtra() {
        return false;
    }

    @Override
    protected boolean keepsDigest() {
        return false;
    }
}
