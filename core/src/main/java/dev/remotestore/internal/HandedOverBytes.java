package dev.remotestore.internal;

import java.io.ByteArrayInputStream;

/**
 * A stream over a byte array that nobody else holds (a fresh JDBC result, say): {@link #readAllBytes()} on an
 * untouched stream hands the array itself over instead of copying it, which saves {@code Store.readBytes} one
 * copy of every small object. Only for arrays that the backend keeps no reference to. Not part of the public API;
 * not thread-safe beyond {@link ByteArrayInputStream}'s own locking.
 */
public final class HandedOverBytes extends ByteArrayInputStream {
    /** A stream over {@code bytes}, which the caller gives up. */
    public HandedOverBytes(byte[] bytes) {
        super(bytes);
    }

    @Override
    public synchronized byte[] readAllBytes() {
        if (pos == 0 && count == buf.length) {
            pos = count;
            return buf;
        }
        return super.readAllBytes();
    }
}
