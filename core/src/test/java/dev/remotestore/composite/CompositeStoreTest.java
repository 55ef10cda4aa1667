package dev.remotestore.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilitySet;
import dev.remotestore.FileInfo;
import dev.remotestore.ForwardingBackend;
import dev.remotestore.ListOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompositeStoreTest {
    Store hot;
    Store warm;
    Store cold;
    CompositeStore store;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).toList();
        }
    }

    @BeforeEach
    void tiers() {
        hot = Store.of(new MemoryBackend());
        warm = Store.of(new MemoryBackend());
        cold = Store.of(new MemoryBackend());
        store = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", warm))
                .tier(Tier.of("cold", cold))
                .build();
    }

    @Test
    @DisplayName("COMP-001: reads fall through the tiers in order; the first tier that has the key wins")
    void fallthrough() {
        cold.write("k", b("cold"));
        assertThat(store.readBytes("k")).isEqualTo(b("cold"));
        warm.write("k", b("warm"));
        assertThat(store.readBytes("k")).isEqualTo(b("warm"));
        assertThat(store.getFileInfo("k").size()).hasValue(4);
        assertThat(store.isFile("k")).isTrue();
        assertThatThrownBy(() -> store.readBytes("missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("[hot, warm, cold]");
    }

    @Test
    @DisplayName("COMP-003: writes go to the primary tier only; writeTier chooses another")
    void writesGoToThePrimaryTier() {
        store.write("new.txt", b("n"));
        assertThat(hot.exists("new.txt")).isTrue();
        assertThat(warm.exists("new.txt")).isFalse();
        assertThat(cold.exists("new.txt")).isFalse();

        CompositeStore warmFirst = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", warm))
                .writeTier("warm")
                .build();
        warmFirst.write("w.txt", b("w"));
        assertThat(warm.exists("w.txt")).isTrue();
        assertThat(hot.exists("w.txt")).isFalse();
        assertThatThrownBy(() -> CompositeStore.builder()
                        .tier(Tier.of("a", hot))
                        .writeTier("b")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"b\"");
    }

    @Test
    @DisplayName(
            "COMP-002: pattern mode: keys matching a tier's pattern resolve and are written through that tier only")
    void patternMode() {
        Store archive = Store.of(new MemoryBackend());
        CompositeStore patterned = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("archive", archive, "archive/**"))
                .build();
        hot.write("archive/x.txt", b("stray copy in hot"));
        archive.write("archive/x.txt", b("archived"));
        assertThat(patterned.readBytes("archive/x.txt")).isEqualTo(b("archived"));

        patterned.write("archive/2026/y.txt", b("y"));
        assertThat(archive.exists("archive/2026/y.txt")).isTrue();
        assertThat(hot.exists("archive/2026/y.txt")).isFalse();

        archive.write("elsewhere.txt", b("e"));
        assertThatThrownBy(() -> patterned.readBytes("elsewhere.txt"))
                .as("a key outside every pattern never resolves through a patterned tier")
                .isInstanceOf(NotFoundException.class);
        assertThat(patterned.resolve("archive/x.txt").details()).containsEntry("resolvedTier", "archive");
    }

    @Test
    @DisplayName(
            "COMP-005: listing is the union of the tiers, de-duplicated by key (first tier wins), tier order then key")
    void unionListing() {
        hot.write("d/b", b("hot b"));
        warm.write("d/a", b("warm a"));
        warm.write("d/b", b("warm b, shadowed"));
        cold.write("d/c/deep", b("cold"));
        cold.write("e/x", b("cold e"));

        List<FileInfo> files;
        try (Stream<FileInfo> s = store.listFiles("d", ListOption.RECURSIVE)) {
            files = s.toList();
        }
        assertThat(files).extracting(FileInfo::path).containsExactly("d/b", "d/a", "d/c/deep");
        assertThat(files.get(0).size()).hasValue(5); // hot's d/b
        assertThat(store.listFolders("").toList()).containsExactly("d", "e");
        assertThat(paths(store.glob("d/*"))).containsExactly("d/b", "d/a");
        assertThat(store.getFolderInfo("d").fileCount()).isEqualTo(3);
        assertThat(store.isFolder("e")).isTrue();
    }

    @Test
    @DisplayName(
            "COMP-006: a read-only tier never disables writes; capabilities: fallthrough union, write side primary")
    void capabilities() {
        Store readOnly = Store.of(new ForwardingBackend(new MemoryBackend()) {
            @Override
            public CapabilitySet capabilities() {
                return CapabilitySet.of(Capability.READ, Capability.LIST, Capability.METADATA);
            }
        });
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("reports", readOnly))
                .build();
        assertThat(c.supports(Capability.WRITE)).isTrue();
        assertThat(c.capabilities()).isEqualTo(CapabilitySet.all());

        CompositeStore readOnlyFirst = CompositeStore.builder()
                .tier(Tier.of("reports", readOnly))
                .tier(Tier.of("hot", hot))
                .build();
        assertThat(readOnlyFirst.supports(Capability.WRITE)).isFalse();
        assertThat(readOnlyFirst.supports(Capability.GLOB)).isTrue();
    }

    /** A tier that can be switched off: every call then fails as an unreachable database would. */
    static final class Switchable extends ForwardingBackend {
        final AtomicBoolean down = new AtomicBoolean();

        Switchable() {
            super(new MemoryBackend());
        }

        private void check(RemotePath p) {
            if (down.get()) {
                throw new BackendUnavailableException("switched off", p.toString(), "switchable");
            }
        }

        @Override
        public java.io.InputStream read(RemotePath path) {
            check(path);
            return super.read(path);
        }

        @Override
        public boolean isFile(RemotePath path) {
            check(path);
            return super.isFile(path);
        }

        @Override
        public FileInfo getFileInfo(RemotePath path) {
            check(path);
            return super.getFileInfo(path);
        }

        @Override
        public void write(RemotePath path, java.io.InputStream content, dev.remotestore.WriteOptions options) {
            check(path);
            super.write(path, content, options);
        }

        @Override
        public void writeAtomic(RemotePath path, java.io.InputStream content, dev.remotestore.WriteOptions options) {
            check(path);
            super.writeAtomic(path, content, options);
        }
    }

    @Test
    @DisplayName("COMP-007: an unavailable middle tier does not stop the fallthrough, and the plan records it")
    void unavailableMiddleTier() {
        Switchable middle = new Switchable();
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", Store.of(middle)))
                .tier(Tier.of("cold", cold))
                .build();
        cold.write("k", b("cold"));
        middle.down.set(true);
        assertThat(c.readBytes("k")).isEqualTo(b("cold"));
        assertThat(c.getFileInfo("k").size()).hasValue(4);
        ResolutionPlan plan = c.resolve("k");
        assertThat(plan.details())
                .containsEntry("resolvedTier", "cold")
                .containsEntry("tried", List.of("hot", "warm", "cold"))
                .containsEntry("unavailable", List.of("warm"));
        assertThatThrownBy(() -> c.readBytes("nowhere"))
                .as("missing from the reachable tiers is not proof of absence")
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("warm");
    }

    @Test
    @DisplayName(
            "COMP-007: a write to an unavailable primary tier fails with that exception and writes nothing elsewhere")
    void unavailablePrimary() {
        Switchable primary = new Switchable();
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(primary)))
                .tier(Tier.of("cold", cold))
                .build();
        primary.down.set(true);
        assertThatThrownBy(() -> c.write("k", b("v"))).isInstanceOf(BackendUnavailableException.class);
        assertThat(cold.exists("k")).isFalse();
    }

    @Test
    @DisplayName(
            "COMP-004: write-through writes every writable tier; one failing tier is reported with who has the content")
    void writeThroughReportsPartialFailure() {
        Switchable flaky = new Switchable();
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("warm", Store.of(flaky)))
                .tier(Tier.of("cold", cold))
                .writeThrough(true)
                .build();
        c.write("all.txt", new java.io.ByteArrayInputStream(b("everywhere")));
        assertThat(hot.readBytes("all.txt")).isEqualTo(b("everywhere"));
        assertThat(Store.of(flaky).readBytes("all.txt")).isEqualTo(b("everywhere"));
        assertThat(cold.readBytes("all.txt")).isEqualTo(b("everywhere"));

        flaky.down.set(true);
        assertThatThrownBy(() -> c.writeAtomic("some.txt", b("partly")))
                .isInstanceOfSatisfying(PartialWriteException.class, e -> {
                    assertThat(e.written()).containsExactly("hot", "cold");
                    assertThat(e.failed()).containsExactly("warm");
                    assertThat(e.getCause()).isInstanceOf(BackendUnavailableException.class);
                })
                .hasMessageContaining("[hot, cold]")
                .hasMessageContaining("[warm]");
        assertThat(hot.readBytes("some.txt")).isEqualTo(b("partly"));
        assertThat(cold.readBytes("some.txt")).isEqualTo(b("partly"));
        flaky.down.set(false);
        assertThat(Store.of(flaky).exists("some.txt")).isFalse();
    }

    @Test
    @DisplayName("COMP-004: write-through stops at a failing primary tier: nothing is written anywhere")
    void writeThroughPrimaryFailure() {
        Switchable primary = new Switchable();
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(primary)))
                .tier(Tier.of("cold", cold))
                .writeThrough(true)
                .build();
        primary.down.set(true);
        assertThatThrownBy(() -> c.write("k", b("v"))).isInstanceOf(BackendUnavailableException.class);
        assertThat(cold.exists("k")).isFalse();
    }

    @Test
    @DisplayName("COMP-008: resolve names the tier that has the key, the tiers tried, and that tier's own plan")
    void resolvePlans() {
        warm.write("a/k", b("w"));
        ResolutionPlan plan = store.resolve("a/k");
        assertThat(plan.kind()).isEqualTo("composite");
        assertThat(plan.details())
                .containsEntry("resolvedTier", "warm")
                .containsEntry("found", true)
                .containsEntry("tried", List.of("hot", "warm"));
        assertThat(((ResolutionPlan) plan.details().get("plan")).kind()).isEqualTo("blob");
        ResolutionPlan missing = store.child("a").resolve("none");
        assertThat(missing.key()).isEqualTo("a/none");
        assertThat(missing.details()).containsEntry("found", false).containsEntry("resolvedTier", "hot");
    }

    @Test
    @DisplayName("COMP-009: migrate copies, verifies and then deletes from the source tier")
    void migrate() {
        hot.write("r/2024.csv", b("old report"), dev.remotestore.WriteOption.contentType("text/csv"));
        store.migrate("r/2024.csv", "hot", "cold");
        assertThat(hot.exists("r/2024.csv")).isFalse();
        assertThat(cold.readBytes("r/2024.csv")).isEqualTo(b("old report"));
        assertThat(cold.getFileInfo("r/2024.csv").contentType()).hasValue("text/csv");
        assertThat(store.readBytes("r/2024.csv")).isEqualTo(b("old report"));
        assertThatThrownBy(() -> store.migrate("r/2024.csv", "hot", "cold")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.migrate("x", "hot", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[hot, warm, cold]");
    }

    @Test
    @DisplayName("COMP-009: a failure after the copy and before the delete loses nothing: the object stays readable")
    void migrateFailureAfterCopy() {
        MemoryBackend hotBackend = new MemoryBackend();
        Store failingDeletes = Store.of(new ForwardingBackend(hotBackend) {
            @Override
            public boolean delete(RemotePath path) {
                throw new BackendUnavailableException("crashed before the delete", path.toString(), "hot");
            }

            @Override
            public boolean deleteIfMatches(RemotePath path, String digest) {
                throw new BackendUnavailableException("crashed before the delete", path.toString(), "hot");
            }
        });
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", failingDeletes))
                .tier(Tier.of("cold", cold))
                .build();
        c.write("k", b("precious"));
        assertThatThrownBy(() -> c.migrate("k", "hot", "cold")).isInstanceOf(BackendUnavailableException.class);
        assertThat(c.readBytes("k")).isEqualTo(b("precious"));
        assertThat(cold.readBytes("k")).isEqualTo(b("precious"));
        assertThat(Store.of(hotBackend).readBytes("k")).isEqualTo(b("precious"));
    }

    @Test
    @DisplayName("COMP-009: a copy that does not verify keeps the source and says so")
    void migrateVerifies() {
        Store corrupting = Store.of(new ForwardingBackend(new MemoryBackend()) {
            @Override
            public void writeAtomic(RemotePath path, java.io.InputStream content, dev.remotestore.WriteOptions o) {
                super.writeAtomic(path, new java.io.ByteArrayInputStream(b("corrupted")), o);
            }
        });
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", hot))
                .tier(Tier.of("cold", corrupting))
                .build();
        hot.write("k", b("original"));
        assertThatThrownBy(() -> c.migrate("k", "hot", "cold"))
                .isInstanceOf(RemoteStoreException.class)
                .hasMessageContaining("does not match");
        assertThat(hot.readBytes("k")).isEqualTo(b("original"));
    }

    @Test
    @DisplayName("COMP-009: bulk migrate moves the files a predicate selects, e.g. older than 30 days")
    void bulkMigrate() {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        Store aged = Store.of(new MemoryBackend(Clock.fixed(now.minus(Duration.ofDays(40)), ZoneOffset.UTC)));
        CompositeStore c = CompositeStore.builder()
                .tier(Tier.of("hot", aged))
                .tier(Tier.of("cold", cold))
                .build();
        aged.write("logs/a", b("a"));
        aged.write("logs/b", b("b"));
        hot.write("x", b("x"));
        List<String> moved =
                c.migrate("hot", "cold", f -> f.modifiedAt().orElseThrow().isBefore(now.minus(Duration.ofDays(30))));
        assertThat(moved).containsExactly("logs/a", "logs/b");
        assertThat(paths(cold.listFiles("logs"))).containsExactly("logs/a", "logs/b");
        assertThat(paths(aged.listFiles("", ListOption.RECURSIVE))).isEmpty();
        assertThat(store.migrateFolder("nothing", "hot", "cold")).isEmpty();
    }

    @Test
    @DisplayName("COMP-010: tier(name) gives one tier's store; closing the composite closes the tiers")
    void tiersAndClose() {
        assertThat(store.tier("warm")).isSameAs(warm);
        assertThatThrownBy(() -> store.tier("lukewarm")).isInstanceOf(IllegalArgumentException.class);
        store.close();
        assertThatThrownBy(() -> hot.exists("x")).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> store.readBytes("x")).isInstanceOf(BackendUnavailableException.class);
    }
}
