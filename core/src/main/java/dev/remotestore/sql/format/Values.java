package dev.remotestore.sql.format;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Conversions that the binary formats share. */
final class Values {
    private Values() {}

    /** Microseconds since the epoch; fails rather than wrap for instants out of range. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /** Microseconds since 1970-01-01T00:00 of a wall-clock time (no zone). */
    static long micros(LocalDateTime t) {
        return micros(t.toInstant(ZoneOffset.UTC));
    }

    /** The 16 bytes of a UUID, most significant first. */
    static byte[] bytes(UUID u) {
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }
}
