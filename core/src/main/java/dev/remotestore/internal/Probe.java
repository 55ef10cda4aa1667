package dev.remotestore.internal;

/**
 * Marks a call whose {@code NotFoundException} the caller will catch and drop — a composite asking its tiers in
 * turn — so that such an exception is made without a stack trace: filling one in cost a tenth of a composite read
 * that falls through a tier (profiled in {@code CompositeReadBenchmark}). An exception that reaches an application
 * is never made inside a probe. Not part of the public API; per thread, so thread-safe.
 */
public final class Probe {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Probe() {}

    /**
     * Marks the calling thread as probing until {@link #exit} with the returned token, which the caller passes
     * back in a {@code finally} block. Probes nest.
     */
    public static int[] enter() {
        int[] depth = DEPTH.get();
        depth[0]++;
        return depth;
    }

    /** Ends the probe that {@link #enter()} began on this thread. */
    public static void exit(int[] token) {
        token[0]--;
    }

    /** Whether the current thread is between {@link #enter()} and {@link #exit}. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }
}
