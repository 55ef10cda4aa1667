package dev.remotestore.sql;

import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.internal.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Content to be written, read to its end before any statement runs: counted (the caller's length is never
 * trusted), limited, and digested while it streams. Up to {@link #MEMORY_LIMIT} bytes stay in memory; more go
 * to a temporary file, so a driver that streams a parameter of known length (PostgreSQL, MariaDB, H2) writes
 * large content with bounded heap. Closing deletes the file. Not thread-safe.
 */
final class Spool implements AutoCloseable {
    static final int MEMORY_LIMIT = 1 << 20;

    private final byte[] head;
    private final Path file;
    private final long size;
    private final String digest;

    private Spool(byte[] head, Path file, long size, String digest) {
        this.head = head;
        this.file = file;
        this.size = size;
        this.digest = digest;
    }

    /** What refuses content over a limit: names the limit and the setting behind it. */
    interface Limit {
        long bytes();

        String describe();
    }

    /**
     * Reads {@code content} to its end.
     *
     * @throws RemoteStoreException naming the limit if the content exceeds it, or with the I/O error as cause
     */
    static Spool read(InputStream content, Limit limit, RemotePath path, String backend) {
        MessageDigest md = Digests.sha256();
        byte[] buffer = new byte[8192];
        byte[] head = new byte[Math.min(MEMORY_LIMIT, 64 * 1024)];
        int headLength = 0;
        long total = 0;
        Path file = null;
        OutputStream out = null;
        try {
            for (int n; (n = content.read(buffer)) > 0; ) {
                total += n;
                if (total > limit.bytes()) {
                    throw new RemoteStoreException(
                            "the content exceeds " + limit.describe() + "; nothing was stored",
                            path.toString(),
                            backend);
                }
                md.update(buffer, 0, n);
                if (out == null && headLength + n <= MEMORY_LIMIT) {
                    if (headLength + n > head.length) {
                        head = Arrays.copyOf(head, Math.min(MEMORY_LIMIT, Math.max(head.length * 2, headLength + n)));
                    }
                    System.arraycopy(buffer, 0, head, headLength, n);
                    headLength += n;
                } else {
                    if (out == null) {
                        file = Files.createTempFile("remote-store-", ".spool");
                        out = Files.newOutputStream(file);
                        out.write(head, 0, headLength);
                        head = null;
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (out != null) {
                out.close();
                out = null;
            }
            return new Spool(file == null ? Arrays.copyOf(head, headLength) : null, file, total, Digests.hex(md));
        } catch (IOException e) {
            deleteQuietly(file);
            throw new RemoteStoreException(
                    "reading the content failed, nothing was stored: " + e, path.toString(), backend, e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already failing
                }
                deleteQuietly(file);
            }
        }
    }

    long size() {
        return size;
    }

    String digest() {
        return digest;
    }

    /** The content in memory, or {@code null} if it was spooled to a file. */
    byte[] bytes() {
        return head;
    }

    /** A new stream over the content. */
    InputStream open() throws IOException {
        return head != null ? new ByteArrayInputStream(head) : Files.newInputStream(file);
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file in the JVM's temp directory; nothing of the store depends on it
            }
        }
    }
}
