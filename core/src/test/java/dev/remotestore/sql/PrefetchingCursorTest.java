package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.sql.format.RowCursor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrefetchingCursorTest {
    /** Rows (i, "row i") for i in [0, rows), then a failure at {@code failAt} if that is below rows. */
    static final class Source implements RowCursor {
        final int rows;
        final int failAt;
        final AtomicInteger calls = new AtomicInteger();
        final RemoteStoreException failure = new RemoteStoreException("a value cannot be read", "k", "test");
        int current = -1;

        Source(int rows, int failAt) {
            this.rows = rows;
            this.failAt = failAt;
        }

        @Override
        public boolean next() {
            calls.incrementAndGet();
            current++;
            if (current == failAt) {
                throw failure;
            }
            return current < rows;
        }

        @Override
        public Object get(int index) {
            return index == 0 ? (Object) (long) current : "row " + current;
        }
    }

    @Test
    @DisplayName("every row arrives, in order, across batch boundaries; then the end, and the end again")
    void rowsInOrder() {
        Source source = new Source(2_503, Integer.MAX_VALUE);
        try (PrefetchingCursor cursor = PrefetchingCursor.start(source, 2, 100)) {
            for (long i = 0; i < 2_503; i++) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo(i);
                assertThat(cursor.get(1)).isEqualTo("row " + i);
            }
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    @DisplayName("an empty result ends at once")
    void empty() {
        try (PrefetchingCursor cursor = PrefetchingCursor.start(new Source(0, Integer.MAX_VALUE), 2, 10)) {
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    @DisplayName("a failure of the source is thrown after the rows before it, as the source threw it")
    void failureAfterTheRowsBefore() {
        Source source = new Source(1_000, 250);
        try (PrefetchingCursor cursor = PrefetchingCursor.start(source, 2, 64)) {
            for (long i = 0; i < 250; i++) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo(i);
            }
            assertThatThrownBy(cursor::next).isSameAs(source.failure);
        }
    }

    @Test
    @DisplayName("close() while the reader waits for room stops it: the source is not read after close returns")
    void closeStopsTheReader() throws InterruptedException {
        Source source = new Source(1_000_000, Integer.MAX_VALUE);
        PrefetchingCursor cursor = PrefetchingCursor.start(source, 2, 10);
        assertThat(cursor.next()).isTrue();
        Thread.sleep(100); // the reader fills the queue and waits
        cursor.close();
        int calls = source.calls.get();
        assertThat(calls).isLessThan(100); // a few batches at most were read ahead
        Thread.sleep(100);
        assertThat(source.calls.get()).isEqualTo(calls);
    }
}
