package dev.remotestore;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@link OutputStream} whose content appears in the store all at once on {@link #commit()}, or never.
 * {@link #close()} without {@code commit()} discards everything written, leaving nothing behind. Use it in
 * try-with-resources:
 *
 * <pre>{@code
 * try (AtomicOutput out = store.openAtomic("reports/today.csv")) {
 *     out.write(bytes);
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Backends extend this class and implement {@link #writeBytes}, {@link #publish()} and {@link #discard()};
 * the state machine (open, committed, discarded) lives here. Not thread-safe: one writer per output.
 */
public abstract class AtomicOutput extends OutputStream {
    private enum State {
        OPEN,
        COMMITTED,
        DISCARDED
    }

    private State state = State.OPEN;

    /** For subclasses. */
    protected AtomicOutput() {}

    /** Appends {@code len} bytes of {@code b} from {@code off} to the pending content. */
    protected abstract void writeBytes(byte[] b, int off, int len) throws IOException;

    /**
     * Makes the pending content visible at the target path, all at once.
     *
     * @throws AlreadyExistsException if the target exists and overwriting was not asked for
     */
    protected abstract void publish() throws IOException;

    /** Drops the pending content and every resource that holds it. Must not throw for a second call. */
    protected abstract void discard() throws IOException;

    /** A description of the target for messages. */
    protected abstract String describeTarget();

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("atomic output for " + describeTarget() + " is already "
                    + state.name().toLowerCase(Locale.ROOT));
        }
        Objects.checkFromIndexSize(off, len, b.length);
        try {
            writeBytes(b, off, len);
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /**
     * Publishes what was written. After a successful commit, {@code close()} does nothing; after a failed one
     * the content is discarded.
     *
     * @throws AlreadyExistsException if the target appeared meanwhile and overwriting was not asked for
     * @throws IllegalStateException if the output was already closed without commit
     */
    public final void commit() {
        if (state == State.COMMITTED) {
            return;
        }
        if (state == State.DISCARDED) {
            throw new IllegalStateException("atomic output for " + describeTarget() + " was closed without commit");
        }
        try {
            publish();
            state = State.COMMITTED;
        } catch (IOException e) {
            abandon();
            throw new RemoteStoreException("commit failed: " + e, describeTarget(), null, e);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** Whether {@link #commit()} succeeded. */
    public final boolean isCommitted() {
        return state == State.COMMITTED;
    }

    /** Discards the content unless it was committed. Idempotent. */
    @Override
    public final void close() {
        if (state == State.OPEN) {
            abandon();
        }
    }

    private void abandon() {
        state = State.DISCARDED;
        try {
            discard();
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the content was never published, so nothing partial is visible either way.
        }
    }
}
