package dev.remotestore.sql;

import dev.remotestore.internal.Digests;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Bytes written once, then read: up to a memory limit they stay on the heap, past it everything goes to a
 * temporary file, so the heap does not grow with the content. Counts, and on request digests (SHA-256), what it
 * is given.
 *
 * <p>The temporary file is opened {@code DELETE_ON_CLOSE}: on Unix-like systems it has no name from the moment it
 * is opened, and everywhere it is gone when its channel closes — by {@link #close()}, by the stream of
 * {@link #openAndRelease()} that took it over, or, for a spill nobody closed (an abandoned atomic output), when
 * the garbage collector closes the channel. Nothing is left behind by name. Not thread-safe.
 */
final class Spill extends OutputStream {
    private final int memoryLimit;
    private final Path directory;
    private final MessageDigest digest;
    private boolean finished;
    private byte[] head = new byte[8192];
    private int headLength;
    private FileChannel file;
    private OutputStream out;
    private long size;
    private String hex;

    /** A spill without digest; see {@link #Spill(int, Path, boolean)}. */
    Spill(int memoryLimit, Path directory) {
        this(memoryLimit, directory, false);
    }

    /**
     * @param memoryLimit bytes kept on the heap before spilling
     * @param directory where temporary files go; {@code null} for the JVM's temporary directory
     * @param digest whether to compute the SHA-256 of the content ({@link #digest()})
     */
    Spill(int memoryLimit, Path directory, boolean digest) {
        this.memoryLimit = memoryLimit;
        this.directory = directory;
        this.digest = digest ? Digests.sha256() : null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException("the spill is finished");
        }
        if (digest != null) {
            digest.update(b, off, len);
        }
        size += len;
        if (out == null && headLength + len <= memoryLimit) {
            if (headLength + len > head.length) {
                head = Arrays.copyOf(head, Math.min(memoryLimit, Math.max(head.length * 2, headLength + len)));
            }
            System.arraycopy(b, off, head, headLength, len);
            headLength += len;
            return;
        }
        if (out == null) {
            Path path = directory == null
                    ? Files.createTempFile("remote-store-", ".spill")
                    : Files.createTempFile(directory, "remote-store-", ".spill");
            try {
                file = FileChannel.open(
                        path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(path);
                throw e;
            }
            out = new BufferedOutputStream(Channels.newOutputStream(file), 64 * 1024);
            out.write(head, 0, headLength);
            head = null;
        }
        out.write(b, off, len);
    }

    /** Ends writing; the content is then complete. Idempotent. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (out != null) {
                out.flush(); // not close(): that would close the channel, and with it the file
            }
            hex = digest == null ? null : Digests.hex(digest);
        }
    }

    long size() {
        return size;
    }

    /** The SHA-256 of the content, in hex, if asked for; after {@link #finish()}. */
    String digest() {
        return hex;
    }

    /** The content if it stayed in memory, else {@code null}. */
    byte[] bytes() {
        return file == null ? Arrays.copyOf(head, headLength) : null;
    }

    /** A new stream over the content, from its start; the spill keeps the file (close the stream anyway). */
    InputStream open() throws IOException {
        finish();
        return file == null ? new ByteArrayInputStream(head, 0, headLength) : SeekableInput.of(file, false);
    }

    /**
     * A seekable stream over the content that owns the temporary file from now on: closing the stream deletes
     * it.
     */
    SeekableInput openAndRelease() throws IOException {
        finish();
        if (file == null) {
            return SeekableInput.of(ByteBuffer.wrap(head, 0, headLength));
        }
        FileChannel released = file;
        file = null;
        return SeekableInput.of(released, true);
    }

    /** Deletes the temporary file, if there is one and no stream took it over. Idempotent. */
    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // a temporary file; nothing of the store depends on it
            }
            file = null;
        }
    }

    /** An input stream whose {@link #skip}, {@link #mark} and {@link #reset} move without reading. */
    abstract static class SeekableInput extends InputStream {
        private long mark;

        /** The current position. */
        abstract long position() throws IOException;

        /** Moves to {@code position} (past the end: reads give end of stream). */
        abstract void seek(long position) throws IOException;

        /** The total length. */
        abstract long length() throws IOException;

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            long from = position();
            long to = from + Math.min(n, Math.max(0, length() - from));
            seek(to);
            return to - from;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, length() - position()));
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int readLimit) {
            try {
                mark = position();
            } catch (IOException e) {
                mark = 0;
            }
        }

        @Override
        public synchronized void reset() throws IOException {
            seek(mark);
        }

        static SeekableInput of(ByteBuffer buffer) {
            return new SeekableInput() {
                @Override
                public int read() {
                    return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (len == 0) {
                        return 0;
                    }
                    if (!buffer.hasRemaining()) {
                        return -1;
                    }
                    int n = Math.min(len, buffer.remaining());
                    buffer.get(b, off, n);
                    return n;
                }

                @Override
                long position() {
                    return buffer.position();
                }

                @Override
                void seek(long position) {
                    buffer.position((int) Math.min(buffer.limit(), position));
                }

                @Override
                long length() {
                    return buffer.limit();
                }
            };
        }

        /**
         * A stream over {@code channel} from position 0, with a position of its own (several streams may read one
         * channel); {@code owns}: closing the stream closes the channel.
         */
        static SeekableInput of(FileChannel channel, boolean owns) {
            return new SeekableInput() {
                private long position;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                    if (n > 0) {
                        position += n;
                    }
                    return n;
                }

                @Override
                long position() {
                    return position;
                }

                @Override
                void seek(long to) {
                    position = to;
                }

                @Override
                long length() throws IOException {
                    return channel.size();
                }

                @Override
                public void close() throws IOException {
                    if (owns) {
                        channel.close();
                    }
                }
            };
        }
    }
}
