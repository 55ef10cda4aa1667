package dev.remotestore.internal;

import java.io.IOException;
import java.io.InputStream;

/** Stream helpers shared by the backends. Not part of the public API. */
public final class Streams {
    private Streams() {}

    /**
     * An input stream over at most {@code limit} bytes of {@code in}; closing it closes {@code in}.
     */
    public static InputStream limit(InputStream in, long limit) {
        return new InputStream() {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(in.available(), left);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
