package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content to be written, read to its end before any statement runs: counted (the caller's length is never
 * trusted), limited, and digested while it streams. Up to {@link #MEMORY_LIMIT} bytes stay in memory; more go
 * to a temporary file, so a driver that streams a parameter of known length (PostgreSQL, MariaDB, H2) writes
 * large content with bounded heap. Closing deletes the file. Not thread-safe.
 */
final class Spool implements AutoCloseable {
    static final int MEMORY_LIMIT = 1 << 20;

    private final Spill spill;
    private final byte[] bytes;

    private Spool(Spill spill) {
        this.spill = spill;
        this.bytes = spill.bytes();
    }

    /**
     * What refuses content over a limit.
     *
     * @param bytes the most content accepted
     * @param describe the limit and the setting behind it, for messages
     */
    record Limit(long bytes, String describe) {}

    /**
     * Reads {@code content} to its end.
     *
     * @throws RemoteStoreException naming the limit if the content exceeds it, or with the I/O error as cause
     */
    static Spool read(InputStream content, Limit limit, Path directory, RemotePath path, String backend) {
        Spill spill = new Spill(MEMORY_LIMIT, directory, true);
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = content.read(buffer)) > 0; ) {
                if (spill.size() + n > limit.bytes()) {
                    throw new RemoteStoreException(
                            "the content exceeds " + limit.describe() + "; nothing was stored",
                            path.toString(),
                            backend);
                }
                spill.write(buffer, 0, n);
            }
            spill.finish();
            return new Spool(spill);
        } catch (IOException e) {
            spill.close();
            throw new RemoteStoreException(
                    "reading the content failed, nothing was stored: " + e, path.toString(), backend, e);
        } catch (RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    /**
     * A spill for content written piece by piece (an atomic output); {@link #of} makes a spool of it once it is
     * complete.
     */
    static Spill spill(Path directory) {
        return new Spill(MEMORY_LIMIT, directory, true);
    }

    /** The spool of a complete {@link #spill}; closing the spool closes the spill. */
    static Spool of(Spill spill) throws IOException {
        spill.finish();
        return new Spool(spill);
    }

    long size() {
        return spill.size();
    }

    String digest() {
        return spill.digest();
    }

    /** The content in memory, or {@code null} if it was spooled to a file. */
    byte[] bytes() {
        return bytes;
    }

    /** A new stream over the content. */
    InputStream open() throws IOException {
        return spill.open();
    }

    @Override
    public void close() {
        spill.close();
    }
}
