package dev.remotestore.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Backend;
import dev.remotestore.ForwardingBackend;
import dev.remotestore.InvalidPathException;
import dev.remotestore.ListOption;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.WriteOptions;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.sql.SqlBlobBackend;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Migration between tiers when other writers interfere: a target that already holds the key (COMP-011), a
 * source that changes while it is migrated (COMP-012), a target where the key would not resolve (COMP-013).
 * Interleavings are forced through hooks in the tiers' backends, so every case is deterministic.
 */
class CompositeMigrationTest {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @TempDir
    Path tmp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh tier backend of one kind: {@code memory} or {@code sqlite} (a blob table in a SQLite file). */
    private Backend backend(String kind) {
        return switch (kind) {
            case "memory" -> new MemoryBackend();
            case "sqlite" -> SqlBlobBackend.builder()
                    .url("jdbc:sqlite:" + tmp.resolve("tiers.db"))
                    .table("tier_" + TABLES.incrementAndGet())
                    .build();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * A tier backend with one-shot hooks: just before the first delete (plain or conditional), just before the
     * first write, and just after the first write. A hook plays another writer that interleaves at that moment.
     */
    static final class Hooked extends ForwardingBackend {
        final AtomicReference<Runnable> beforeDelete = new AtomicReference<>();
        final AtomicReference<Runnable> beforeWrite = new AtomicReference<>();
        final AtomicReference<Runnable> afterWrite = new AtomicReference<>();
        final AtomicInteger writes = new AtomicInteger();

        Hooked(Backend delegate) {
            super(delegate);
        }

        /** Another writer's write, straight to the backend (no hook fires). */
        void writeBehind(String key, String content) {
            delegate()
                    .write(
                            RemotePath.of(key),
                            new ByteArrayInputStream(b(content)),
                            WriteOptions.of(WriteOption.OVERWRITE));
        }

        private static void fire(AtomicReference<Runnable> hook) {
            Runnable r = hook.getAndSet(null);
            if (r != null) {
                r.run();
            }
        }

        @Override
        public boolean delete(RemotePath path) {
            fire(beforeDelete);
            return super.delete(path);
        }

        @Override
        public boolean deleteIfMatches(RemotePath path, String digest) {
            fire(beforeDelete);
            return super.deleteIfMatches(path, digest);
        }

        @Override
        public void write(RemotePath path, InputStream content, WriteOptions options) {
            writes.incrementAndGet();
            fire(beforeWrite);
            super.write(path, content, options);
            fire(afterWrite);
        }

        @Override
        public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
            writes.incrementAndGet();
            fire(beforeWrite);
            super.writeAtomic(path, content, options);
            fire(afterWrite);
        }
    }

    private Hooked hot;
    private Hooked cold;
    private CompositeStore store;

    private CompositeStore composite(String hotKind, String coldKind) {
        hot = new Hooked(backend(hotKind));
        cold = new Hooked(backend(coldKind));
        store = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(hot)))
                .tier(Tier.of("cold", Store.of(cold)))
                .build();
        opened.add(store);
        return store;
    }

    private byte[] inHot(String key) {
        return store.tier("hot").readBytes(key);
    }

    private byte[] inCold(String key) {
        return store.tier("cold").readBytes(key);
    }

    // ---- COMP-011: a target that already holds the key ---------------------------------------------------

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"memory, memory", "memory, sqlite", "sqlite, memory"})
    @DisplayName("COMP-011: migrate refuses a target tier that holds another version; nothing changes anywhere")
    void refusesToReplaceAnotherVersion(String from, String to) {
        composite(from, to);
        store.tier("hot").write("r/k.csv", b("new"));
        store.tier("cold").write("r/k.csv", b("old"));

        assertThatThrownBy(() -> store.migrate("r/k.csv", "hot", "cold"))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.path()).isEqualTo("r/k.csv");
                    assertThat(e.backend()).isEqualTo("composite[hot, cold]");
                })
                .hasMessageContaining("tier cold")
                .hasMessageContaining("tier hot")
                .hasMessageContaining("OVERWRITE");
        assertThat(inHot("r/k.csv")).isEqualTo(b("new"));
        assertThat(inCold("r/k.csv")).isEqualTo(b("old"));
        assertThat(store.readBytes("r/k.csv")).isEqualTo(b("new"));
    }

    @Test
    @DisplayName("COMP-011: with OVERWRITE, migrate replaces the target's version and then deletes the source")
    void overwriteReplacesTheTargetVersion() {
        composite("memory", "memory");
        store.tier("hot").write("k", b("new"), WriteOption.contentType("text/plain"));
        store.tier("cold").write("k", b("old"));

        store.migrate("k", "hot", "cold", WriteOption.OVERWRITE);

        assertThat(store.tier("hot").exists("k")).isFalse();
        assertThat(inCold("k")).isEqualTo(b("new"));
        assertThat(store.tier("cold").getFileInfo("k").contentType()).hasValue("text/plain");
        assertThat(store.readBytes("k")).isEqualTo(b("new"));
    }

    @Test
    @DisplayName("COMP-011: a target that holds the same content is not written; only the source goes")
    void identicalTargetOnlyDeletesTheSource() {
        composite("memory", "memory");
        store.tier("hot").write("k", b("same"));
        store.tier("cold").write("k", b("same"));
        int writesBefore = cold.writes.get();

        store.migrate("k", "hot", "cold");

        assertThat(cold.writes.get()).as("writes to the target").isEqualTo(writesBefore);
        assertThat(store.tier("hot").exists("k")).isFalse();
        assertThat(inCold("k")).isEqualTo(b("same"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"memory, memory", "memory, sqlite", "sqlite, memory"})
    @DisplayName("COMP-011: the copy is create-only: a writer that creates the key in the target first wins")
    void copyIsCreateOnly(String from, String to) {
        composite(from, to);
        store.tier("hot").write("k", b("migrating"));
        cold.beforeWrite.set(() -> cold.writeBehind("k", "theirs"));

        assertThatThrownBy(() -> store.migrate("k", "hot", "cold"))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.path()).isEqualTo("k");
                    assertThat(e.backend()).isEqualTo("composite[hot, cold]");
                })
                .hasMessageContaining("tier cold");
        assertThat(inCold("k")).as("the other writer's version").isEqualTo(b("theirs"));
        assertThat(inHot("k")).as("the source stays").isEqualTo(b("migrating"));
    }

    @Test
    @DisplayName("COMP-011: bulk migrations refuse another version in the target, and replace it with OVERWRITE")
    void bulkMigrationsOfferTheSameChoice() {
        composite("memory", "memory");
        Store h = store.tier("hot");
        Store c = store.tier("cold");
        h.write("logs/a", b("a"));
        h.write("logs/b", b("b new"));
        c.write("logs/b", b("b old"));

        assertThatThrownBy(() -> store.migrate("hot", "cold", f -> true))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("logs/b");
        assertThat(inCold("logs/a")).as("keys before the conflict are migrated").isEqualTo(b("a"));
        assertThat(inCold("logs/b")).isEqualTo(b("b old"));
        assertThat(inHot("logs/b")).isEqualTo(b("b new"));

        assertThatThrownBy(() -> store.migrateFolder("logs", "hot", "cold")).isInstanceOf(AlreadyExistsException.class);
        assertThat(store.migrateFolder("logs", "hot", "cold", WriteOption.OVERWRITE))
                .containsExactly("logs/b");
        assertThat(inCold("logs/b")).isEqualTo(b("b new"));

        h.write("x", b("x new"));
        c.write("x", b("x old"));
        assertThat(store.migrate("hot", "cold", f -> true, WriteOption.OVERWRITE))
                .containsExactly("x");
        assertThat(inCold("x")).isEqualTo(b("x new"));
        try (Stream<?> left = h.listFiles("", ListOption.RECURSIVE)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("COMP-011: migrate takes OVERWRITE only; the content type comes from the source")
    void migrateRejectsAContentType() {
        composite("memory", "memory");
        store.tier("hot").write("k", b("v"));
        assertThatThrownBy(() -> store.migrate("k", "hot", "cold", WriteOption.contentType("text/csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OVERWRITE");
        assertThat(inHot("k")).isEqualTo(b("v"));
    }

    // ---- COMP-012: a source that changes while it is migrated --------------------------------------------

    @ParameterizedTest(name = "{0} → {1}, written {2}")
    @CsvSource({
        "memory, memory, before the delete",
        "memory, sqlite, before the delete",
        "sqlite, memory, before the delete",
        "memory, memory, after the copy",
        "memory, sqlite, after the copy",
        "sqlite, memory, after the copy"
    })
    @DisplayName("COMP-012: a write to the source during migration is kept, the copy made is removed, migrate fails")
    void sourceWrittenDuringMigrationIsKept(String from, String to, String when) {
        composite(from, to);
        store.write("k", b("v1"));
        Runnable otherWriter = () -> hot.writeBehind("k", "v2, acknowledged");
        if (when.equals("after the copy")) {
            cold.afterWrite.set(otherWriter);
        } else {
            hot.beforeDelete.set(otherWriter);
        }

        assertThatThrownBy(() -> store.migrate("k", "hot", "cold"))
                .isExactlyInstanceOf(RemoteStoreException.class)
                .hasMessageContaining("changed during migration")
                .hasMessageContaining("nothing was migrated")
                .satisfies(e -> assertThat(((RemoteStoreException) e).backend()).isEqualTo("composite[hot, cold]"));
        assertThat(inHot("k")).isEqualTo(b("v2, acknowledged"));
        assertThat(store.tier("cold").exists("k"))
                .as("the copy migrate made is removed")
                .isFalse();
        assertThat(store.readBytes("k")).isEqualTo(b("v2, acknowledged"));
    }

    @Test
    @DisplayName("COMP-012: a copy that another writer replaced meanwhile is not removed")
    void replacedCopyIsNotRemoved() {
        composite("memory", "sqlite");
        store.write("k", b("v1"));
        hot.beforeDelete.set(() -> {
            hot.writeBehind("k", "v2");
            cold.writeBehind("k", "theirs");
        });

        assertThatThrownBy(() -> store.migrate("k", "hot", "cold"))
                .isExactlyInstanceOf(RemoteStoreException.class)
                .hasMessageContaining("changed during migration");
        assertThat(inHot("k")).isEqualTo(b("v2"));
        assertThat(inCold("k")).isEqualTo(b("theirs"));
    }

    @Test
    @DisplayName("COMP-012: a target that already held the same content is left alone when the source changes")
    void identicalTargetIsLeftAloneWhenTheSourceChanges() {
        composite("memory", "memory");
        store.tier("hot").write("k", b("same"));
        store.tier("cold").write("k", b("same"));
        hot.beforeDelete.set(() -> hot.writeBehind("k", "v2"));

        assertThatThrownBy(() -> store.migrate("k", "hot", "cold"))
                .isExactlyInstanceOf(RemoteStoreException.class)
                .hasMessageContaining("changed during migration");
        assertThat(inHot("k")).isEqualTo(b("v2"));
        assertThat(inCold("k")).isEqualTo(b("same"));
    }

    @Test
    @DisplayName("COMP-012: a source deleted by another caller during migration stays deleted, and so does the copy")
    void sourceDeletedDuringMigration() {
        composite("memory", "memory");
        store.write("k", b("v1"));
        cold.afterWrite.set(() -> Store.of(new ForwardingBackend(hot) {
                    @Override
                    public void close() {}
                })
                .delete("k"));

        assertThatThrownBy(() -> store.migrate("k", "hot", "cold"))
                .isExactlyInstanceOf(RemoteStoreException.class)
                .hasMessageContaining("changed during migration");
        assertThat(store.exists("k")).isFalse();
    }

    // ---- COMP-013: a target where the key would not resolve ----------------------------------------------

    private CompositeStore patterned() {
        hot = new Hooked(new MemoryBackend());
        cold = new Hooked(new MemoryBackend());
        store = CompositeStore.builder()
                .tier(Tier.of("hot", Store.of(hot)))
                .tier(Tier.of("archive", Store.of(cold), "archive/**"))
                .build();
        opened.add(store);
        return store;
    }

    @Test
    @DisplayName("COMP-013: migrate into a tier whose pattern the key does not match is rejected before any copy")
    void rejectsATargetWhosePatternTheKeyMisses() {
        patterned();
        store.write("reports/q3.csv", b("q3"));

        assertThatThrownBy(() -> store.migrate("reports/q3.csv", "hot", "archive"))
                .isInstanceOfSatisfying(InvalidPathException.class, e -> {
                    assertThat(e.path()).isEqualTo("reports/q3.csv");
                    assertThat(e.backend()).isEqualTo("composite[hot, archive]");
                })
                .hasMessageContaining("tier archive")
                .hasMessageContaining("\"archive/**\"")
                .hasMessageContaining("COMP-013");
        assertThat(cold.writes.get()).as("writes to the archive tier").isZero();
        assertThat(store.readBytes("reports/q3.csv")).isEqualTo(b("q3"));
    }

    @Test
    @DisplayName("COMP-013: migrate of a key out of the tier whose pattern it matches into an open tier is rejected")
    void rejectsMovingAPatternKeyToAnOpenTier() {
        patterned();
        store.write("archive/2024.csv", b("old"));
        assertThat(store.tier("archive").exists("archive/2024.csv")).isTrue();

        assertThatThrownBy(() -> store.migrate("archive/2024.csv", "archive", "hot"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("tier archive")
                .hasMessageContaining("\"archive/**\"")
                .hasMessageContaining("tier hot");
        assertThat(hot.writes.get()).isZero();
        assertThat(store.readBytes("archive/2024.csv")).isEqualTo(b("old"));
    }

    @Test
    @DisplayName("COMP-013: a stray key in an open tier migrates into the tier whose pattern it matches")
    void strayKeyMigratesToItsPatternTier() {
        patterned();
        store.tier("hot").write("archive/stray.csv", b("stray"));
        store.migrate("archive/stray.csv", "hot", "archive");
        assertThat(store.readBytes("archive/stray.csv")).isEqualTo(b("stray"));
        assertThat(store.tier("hot").exists("archive/stray.csv")).isFalse();
    }

    @Test
    @DisplayName("COMP-013: a bulk migration with one key the target cannot resolve migrates nothing")
    void bulkMigrationChecksEveryKeyFirst() {
        patterned();
        store.tier("hot").write("archive/a.csv", b("a"));
        store.tier("hot").write("reports/b.csv", b("b"));

        assertThatThrownBy(() -> store.migrate("hot", "archive", f -> true))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("reports/b.csv");
        assertThat(cold.writes.get()).isZero();
        assertThat(store.tier("hot").exists("archive/a.csv")).isTrue();
    }
}
