package dev.remotestore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Stream helpers shared by the backends. Not part of the public API. */
public final class Streams {
    private Streams() {}

    /**
     * A lazy, ordered stream of what {@code next} hands out, one call per element, until it answers {@code null}
     * (after which it is not called again). For listings that page or walk while the caller consumes them.
     */
    public static <T> Stream<T> untilNull(Supplier<T> next) {
        Iterator<T> elements = new Iterator<>() {
            private T ahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    ahead = next.get();
                    done = ahead == null;
                }
                return ahead != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T element = ahead;
                ahead = null;
                return element;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(elements, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

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
