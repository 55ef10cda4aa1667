package dev.remotestore.sql;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.sql.format.RowCursor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a {@link RowCursor} ahead on a thread of its own, so that the database's fetch and decoding overlap the
 * serializer's encoding of the rows before: an export then takes about the slower of the two, not their sum. The
 * rows arrive in order, in batches of {@code batchRows} through a queue of {@value #QUEUE_BATCHES} batches, so
 * memory holds at most {@code (QUEUE_BATCHES + 2) × batchRows} rows. A failure of the source (a database error, a
 * value its column cannot hold) is thrown by {@link #next()} after the rows before it, as the source would have.
 *
 * <p>The reading thread is the only one that touches the source (and so the JDBC result set) until
 * {@link #close()}, which stops it and waits for it: close this before the result set. One consumer thread.
 */
final class PrefetchingCursor implements RowCursor, AutoCloseable {
    static final int QUEUE_BATCHES = 2;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Rows read ahead; {@code failure} or the end after them when {@code last}. */
    private record Batch(Object[][] rows, int count, boolean last, RuntimeException failure) {}

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread reader;
    private volatile boolean stopped;

    private Batch batch;
    private int position;
    private Object[] row;

    private PrefetchingCursor(RowCursor source, int columns, int batchRows) {
        reader = new Thread(
                () -> readAhead(source, columns, batchRows), "remote-store-prefetch-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
    }

    /** Starts reading {@code source} ({@code columns} wide) ahead. */
    static PrefetchingCursor start(RowCursor source, int columns, int batchRows) {
        PrefetchingCursor cursor = new PrefetchingCursor(source, columns, batchRows);
        cursor.reader.start();
        return cursor;
    }

    private void readAhead(RowCursor source, int columns, int batchRows) {
        try {
            while (!stopped) {
                Object[][] rows = new Object[batchRows][];
                int count = 0;
                boolean last = false;
                RuntimeException failure = null;
                try {
                    while (count < batchRows) {
                        if (!source.next()) {
                            last = true;
                            break;
                        }
                        Object[] values = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            values[i] = source.get(i);
                        }
                        rows[count++] = values;
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    last = true;
                }
                if (!offer(new Batch(rows, count, last, failure)) || last) {
                    return;
                }
            }
        } catch (Error e) {
            offer(new Batch(
                    new Object[0][],
                    0,
                    true,
                    new RemoteStoreException("reading the rows failed: " + e, null, null, e)));
            throw e;
        }
    }

    /** Queues {@code b}, waiting for room; false when the consumer stopped meanwhile. */
    private boolean offer(Batch b) {
        try {
            while (!stopped) {
                if (queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean next() {
        while (batch == null || position == batch.count()) {
            if (batch != null && batch.last()) {
                if (batch.failure() != null) {
                    RuntimeException failure = batch.failure();
                    batch = new Batch(batch.rows(), batch.count(), true, null); // thrown once
                    throw failure;
                }
                row = null;
                return false;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteStoreException("interrupted while waiting for the rows of the query", null, null);
            }
            position = 0;
        }
        row = batch.rows()[position++];
        return true;
    }

    @Override
    public Object get(int index) {
        return row[index];
    }

    /** Stops the reading thread and waits for it, so that the source can be closed. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        boolean interrupted = false;
        while (reader.isAlive()) {
            queue.clear();
            try {
                reader.join(50);
            } catch (InterruptedException e) {
                interrupted = true; // the source must not be closed under the reader: wait for it all the same
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
