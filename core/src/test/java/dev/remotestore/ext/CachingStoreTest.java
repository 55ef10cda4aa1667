package dev.remotestore.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CachingStoreTest {
    Store origin;
    Store cache;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> cached() {
        try (Stream<FileInfo> s = cache.listFiles("", ListOption.RECURSIVE)) {
            return s.map(FileInfo::path).toList();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void stores() {
        origin = Store.of(new MemoryBackend());
        cache = Store.of(new MemoryBackend());
    }

    @Test
    @DisplayName(
            "EXT-001: a miss reads through the origin into the cache; the next read is a hit that skips the origin")
    void hitAndMiss() {
        origin.write("a.txt", b("alpha"));
        CachingStore store = CachingStore.builder(origin, cache).build();
        assertThat(store.readBytes("a.txt")).isEqualTo(b("alpha"));
        assertThat(store.stats().misses()).isEqualTo(1);
        assertThat(cached()).hasSize(1);

        // change the origin behind the cache's back: a hit does not consult it
        origin.write("a.txt", b("changed behind the cache"), WriteOption.OVERWRITE);
        assertThat(store.readBytes("a.txt")).isEqualTo(b("alpha"));
        assertThat(store.stats().hits()).isEqualTo(1);
        assertThat(store.resolve("a.txt").details()).containsEntry("cached", true);
    }

    @Test
    @DisplayName("EXT-002: writes and deletes through the caching store invalidate the entry")
    void invalidation() {
        CachingStore store = CachingStore.builder(origin, cache).build();
        store.write("k", b("v1"));
        assertThat(store.readBytes("k")).isEqualTo(b("v1"));
        store.write("k", b("v2"), WriteOption.OVERWRITE);
        assertThat(store.readBytes("k")).isEqualTo(b("v2"));
        store.move("k", "moved");
        assertThatThrownBy(() -> store.readBytes("k")).isInstanceOf(NotFoundException.class);
        assertThat(store.readBytes("moved")).isEqualTo(b("v2"));
        store.delete("moved");
        assertThatThrownBy(() -> store.readBytes("moved")).isInstanceOf(NotFoundException.class);
        assertThat(store.stats().cachedBytes()).isZero();
        assertThat(cached()).isEmpty();
    }

    @Test
    @DisplayName("EXT-003: the size bound evicts least recently used entries; a file over the bound is never cached")
    void eviction() {
        for (String k : List.of("a", "b", "c")) {
            origin.write(k, new byte[400]);
        }
        origin.write("huge", new byte[5000]);
        CachingStore store = CachingStore.builder(origin, cache).maxBytes(1000).build();
        store.readBytes("a");
        store.readBytes("b");
        store.readBytes("a"); // a is now more recent than b
        store.readBytes("c"); // 1200 bytes > 1000: b goes
        assertThat(store.stats().evictions()).isEqualTo(1);
        assertThat(store.stats().cachedBytes()).isEqualTo(800);
        assertThat(store.resolve("b").details()).containsEntry("cached", false);
        assertThat(store.resolve("a").details()).containsEntry("cached", true);

        assertThat(store.readBytes("huge")).hasSize(5000);
        assertThat(store.resolve("huge").details()).containsEntry("cached", false);
        assertThat(cached()).hasSize(2);
    }

    @Test
    @DisplayName("EXT-003: an entry older than the time-to-live is fetched again")
    void timeToLive() {
        MovableClock clock = new MovableClock();
        origin.write("k", b("v1"));
        CachingStore store = CachingStore.builder(origin, cache)
                .timeToLive(Duration.ofMinutes(5))
                .clock(clock)
                .build();
        store.readBytes("k");
        origin.write("k", b("v2"), WriteOption.OVERWRITE);
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(store.readBytes("k")).isEqualTo(b("v1"));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(store.readBytes("k")).isEqualTo(b("v2"));
        assertThat(store.stats().misses()).isEqualTo(2);
    }

    @Test
    @DisplayName("EXT-004: the cache key is a deterministic SHA-256 of namespace and key, the same in every instance")
    void deterministicKey() throws Exception {
        CachingStore one =
                CachingStore.builder(origin, cache).namespace("reports-v1").build();
        CachingStore two = CachingStore.builder(Store.of(new MemoryBackend()), Store.of(new MemoryBackend()))
                .namespace("reports-v1")
                .build();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b("reports-v1"));
        md.update((byte) 0);
        md.update(b("daily/sales.parquet"));
        String expected = HexFormat.of().formatHex(md.digest());
        assertThat(one.cacheKey("daily//sales.parquet")).isEqualTo(expected);
        assertThat(two.cacheKey("/daily/sales.parquet")).isEqualTo(expected);
        assertThat(one.cacheKey("daily/sales.csv")).isNotEqualTo(expected);

        origin.write("daily/sales.parquet", b("p"));
        one.readBytes("daily/sales.parquet");
        assertThat(cached()).containsExactly("remote-store-cache/" + expected.substring(0, 2) + "/" + expected);
    }
}
