package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.Backend;
import dev.remotestore.FileInfo;
import dev.remotestore.ForwardingBackend;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.memory.MemoryBackend;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Objects no entity references, found and deleted. */
@DatabaseTest
class OrphanFinderTest {
    private static final byte[] BYTES = {1, 2, 3};

    /** Referenced: documents/1.pdf (content), previews/1.png (preview), documents/2.pdf. The rest is not. */
    private static void populate(Fixture f) {
        for (String key : new String[] {
            "documents/1.pdf",
            "documents/2.pdf",
            "documents/3.pdf",
            "documents/old/4.pdf",
            "previews/1.png",
            "previews/9.png",
            "other/x.bin"
        }) {
            f.store.write(key, BYTES);
        }
        Jpa.inTransaction(f.emf, em -> {
            Document one = new Document(1, "one", StoreKey.of("documents/1.pdf"));
            one.preview(StoreKey.of("previews/1.png"));
            em.persist(one);
            em.persist(new Document(2, "two", StoreKey.of("documents/2.pdf")));
            em.persist(new Document(3, "no content", null));
        });
    }

    /** A clock two hours ahead: everything written in the test is older than the default grace period. */
    private static Clock later() {
        return Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("unreferenced keys past the grace period are orphans; a dry run deletes nothing")
    void findsUnreferencedKeys(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            populate(f);
            OrphanFinder finder =
                    OrphanFinder.builder(f.emf, f.store).clock(later()).build();
            assertThat(finder.references()).containsExactly("Document.content", "Document.preview");
            assertThat(finder.find())
                    .extracting(FileInfo::path)
                    .containsExactly("documents/3.pdf", "documents/old/4.pdf", "other/x.bin", "previews/9.png");
            assertThat(f.store.exists("documents/3.pdf")).isTrue();

            assertThat(OrphanFinder.builder(f.emf, f.store)
                            .folder("documents")
                            .clock(later())
                            .build()
                            .find())
                    .extracting(FileInfo::path)
                    .containsExactly("documents/3.pdf", "documents/old/4.pdf");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("delete removes the orphans and nothing an entity references")
    void deletesOrphans(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            populate(f);
            OrphanFinder finder = OrphanFinder.builder(f.emf, f.store)
                    .folder("documents")
                    .clock(later())
                    .build();
            assertThat(finder.delete()).containsExactly("documents/3.pdf", "documents/old/4.pdf");
            assertThat(f.store.exists("documents/3.pdf")).isFalse();
            assertThat(f.store.exists("documents/old/4.pdf")).isFalse();
            assertThat(f.store.exists("documents/1.pdf")).isTrue();
            assertThat(f.store.exists("documents/2.pdf")).isTrue();
            assertThat(f.store.exists("previews/9.png")).isTrue(); // outside the folder
            assertThat(finder.find()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("content younger than the grace period is no orphan yet (an upload whose entity is not saved yet)")
    void gracePeriodSparesRecentUploads(TestDatabase db) throws Exception {
        try (Fixture f = Fixture.open(db)) {
            populate(f);
            OrphanFinder finder = OrphanFinder.builder(f.emf, f.store)
                    .gracePeriod(Duration.ofMinutes(10))
                    .build();
            assertThat(finder.find()).isEmpty();
            assertThat(finder.delete()).isEmpty();
            assertThat(f.store.exists("documents/3.pdf")).isTrue();
            assertThat(OrphanFinder.builder(f.emf, f.store)
                            .gracePeriod(Duration.ZERO)
                            .build()
                            .find())
                    .hasSize(4);
        }
    }

    @Test
    @DisplayName("references can be named, String attributes included; only the named ones count")
    void namedReferences() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2)) {
            populate(f);
            OrphanFinder byContent = OrphanFinder.builder(f.emf, f.store)
                    .references(Document.class, "content")
                    .clock(later())
                    .build();
            assertThat(byContent.references()).containsExactly("Document.content");
            assertThat(byContent.find()).extracting(FileInfo::path).contains("previews/1.png");

            OrphanFinder byTitle = OrphanFinder.builder(f.emf, f.store)
                    .references(Document.class, "title")
                    .references(Document.class, "content")
                    .folder("other")
                    .clock(later())
                    .build();
            assertThat(byTitle.find()).extracting(FileInfo::path).containsExactly("other/x.bin");
            Jpa.inTransaction(f.emf, em -> em.persist(new Document(4, "other/x.bin", null)));
            assertThat(byTitle.find()).isEmpty();
        }
    }

    @Test
    @DisplayName("any store: keys without a modification time are orphans only with a grace period of zero")
    void unknownModificationTime() throws Exception {
        Backend timeless = new ForwardingBackend(new MemoryBackend()) {
            @Override
            public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
                return super.listFiles(folder, recursive).map(i -> FileInfo.builder(RemotePath.of(i.path()))
                        .size(i.size().orElseThrow())
                        .build());
            }
        };
        try (Fixture f = Fixture.open(TestDatabase.H2);
                Store memory = Store.of(timeless)) {
            memory.write("a.bin", BYTES);
            assertThat(OrphanFinder.builder(f.emf, memory)
                            .clock(later())
                            .build()
                            .find())
                    .isEmpty();
            assertThat(OrphanFinder.builder(f.emf, memory)
                            .gracePeriod(Duration.ZERO)
                            .build()
                            .delete())
                    .containsExactly("a.bin");
            assertThat(memory.exists("a.bin")).isFalse();
        }
    }

    @Test
    @DisplayName("keys are looked up a page at a time: more keys than a page, every page checked")
    void pages() throws Exception {
        int n = OrphanFinder.PAGE * 2 + 7;
        try (Fixture f = Fixture.open(TestDatabase.H2);
                Store memory = Store.of(new MemoryBackend())) {
            Jpa.inTransaction(f.emf, em -> {
                for (int i = 0; i < n; i++) {
                    String key = String.format("k/%05d", i);
                    memory.write(key, BYTES);
                    if (i % 3 != 0) {
                        em.persist(new Document(i, "doc", StoreKey.of(key)));
                    }
                }
            });
            List<String> orphans = OrphanFinder.builder(f.emf, memory).clock(later()).build().find().stream()
                    .map(FileInfo::path)
                    .toList();
            assertThat(orphans).hasSize((n + 2) / 3).allMatch(k -> Integer.parseInt(k.substring(2)) % 3 == 0);
            assertThat(orphans).contains(String.format("k/%05d", n - 1 - (n - 1) % 3));
        }
    }

    @Test
    @DisplayName("a failing reference query is a RemoteStoreException naming the reference, the provider's as cause")
    void failingQueryIsNamed() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2)) {
            populate(f);
            Jpa.execute(f.ds, "DROP TABLE " + f.documents);
            assertThatThrownBy(() -> OrphanFinder.builder(f.emf, f.store)
                            .clock(later())
                            .build()
                            .find())
                    .isInstanceOf(RemoteStoreException.class)
                    .hasMessageContaining("Document.content")
                    .hasCauseInstanceOf(PersistenceException.class);
        }
    }

    @Test
    @DisplayName("a reference that is no entity attribute holding keys is refused at build, naming it")
    void badReferencesRefused() throws Exception {
        try (Fixture f = Fixture.open(TestDatabase.H2)) {
            assertThatThrownBy(() -> OrphanFinder.builder(f.emf, f.store)
                            .references(Document.class, "contents")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Document")
                    .hasMessageContaining("\"contents\"");
            assertThatThrownBy(() -> OrphanFinder.builder(f.emf, f.store)
                            .references(Document.class, "id")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Document.id");
            assertThatThrownBy(() -> OrphanFinder.builder(f.emf, f.store)
                            .references(String.class, "x")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.String");
            assertThatThrownBy(() -> OrphanFinder.builder(f.emf, f.store).gracePeriod(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gracePeriod");
        }
        try (EntityManagerFactory emf = Jpa.unit(TestDatabase.H2, TestDatabase.H2.dataSource())
                        .action("none")
                        .build();
                Store memory = Store.of(new MemoryBackend())) {
            assertThatThrownBy(() -> OrphanFinder.builder(emf, memory).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("StoreKey attribute");
        }
    }
}
