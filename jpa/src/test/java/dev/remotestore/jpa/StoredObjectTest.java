package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.remotestore.FileInfo;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.sql.SqlBlobBackend;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The blob table as a JPA entity: validated against the library's DDL, listed without its content. */
@DatabaseTest
class StoredObjectTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("hibernate.hbm2ddl.auto=validate passes against the table BlobTableSchema creates")
    void validatePassesAgainstTheLibrarysBlobTable(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, table);
        try (EntityManagerFactory emf =
                Jpa.unit(db, ds).table("remote_store_objects", table).build()) {
            assertThat(emf.getMetamodel().entity(StoredObject.class).getName()).isEqualTo("StoredObject");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("validate fails against a table without the entity's columns (the check is real)")
    void validateFailsAgainstAnotherTable(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        String q = db == TestDatabase.MARIADB ? "`" : "\"";
        Jpa.execute(
                ds,
                "CREATE TABLE " + q + table + q + " (" + q + "key" + q + " VARCHAR(100) PRIMARY KEY, " + q + "data" + q
                        + " " + (db == TestDatabase.POSTGRESQL ? "BYTEA" : "BLOB") + ")");
        assertThatThrownBy(() ->
                        Jpa.unit(db, ds).table("remote_store_objects", table).build())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("Schema validation: missing column");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("JPQL lists the store's metadata, and no statement touches the data column")
    void jpqlListsMetadataWithoutReadingContent(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, table);
        Jpa.SqlLog log = new Jpa.SqlLog();
        try (Store store = Store.of(SqlBlobBackend.builder()
                        .dataSource(ds)
                        .table(table)
                        .createTable(false)
                        .build());
                EntityManagerFactory emf = Jpa.unit(db, Jpa.logging(ds, log))
                        .table("remote_store_objects", table)
                        .build()) {
            store.write("reports/2026/a.csv", bytes("a,b\n1,2\n"), WriteOption.contentType("text/csv"));
            store.write("reports/2026/b.json", bytes("{}"), WriteOption.extra(Map.of("owner", "ops")));
            store.write("reports/2026/c.bin", new byte[300_000]);
            store.write("reportsX/other.txt", bytes("not below reports/"));
            log.statements.clear();

            List<StoredObject> listed;
            try (EntityManager em = emf.createEntityManager()) {
                listed = em.createQuery(
                                "SELECT o FROM StoredObject o WHERE o.key >= :from AND o.key < :to ORDER BY o.key",
                                StoredObject.class)
                        .setParameter("from", "reports/")
                        .setParameter("to", "reports0") // '0' follows '/': the keys below reports/
                        .getResultList();
                Long total = em.createQuery(
                                "SELECT sum(o.size) FROM StoredObject o WHERE o.contentType IS NULL", Long.class)
                        .getSingleResult();
                assertThat(total).isEqualTo(2 + 300_000 + "not below reports/".length());
            }

            assertThat(listed)
                    .extracting(StoredObject::key)
                    .containsExactly("reports/2026/a.csv", "reports/2026/b.json", "reports/2026/c.bin");
            for (StoredObject o : listed) {
                FileInfo info = store.getFileInfo(o.key());
                assertThat(o.size()).isEqualTo(info.size().orElseThrow());
                assertThat(o.modifiedAt()).isEqualTo(info.modifiedAt().orElseThrow());
                assertThat(o.contentType()).isEqualTo(info.contentType());
                assertThat(o.digest()).isEqualTo(info.digest());
                assertThat(o.storeKey()).isEqualTo(StoreKey.of(o.key()));
            }
            assertThat(listed.get(0).contentType()).contains("text/csv");
            assertThat(listed.get(1).extra())
                    .hasValueSatisfying(
                            json -> assertThat(json).contains("\"owner\"").contains("\"ops\""));
            assertThat(listed.get(2).size()).isEqualTo(300_000);

            List<String> onTable =
                    log.statements.stream().filter(sql -> sql.contains(table)).toList();
            assertThat(onTable).hasSize(2);
            assertThat(onTable).noneMatch(sql -> sql.toLowerCase(Locale.ROOT).matches("(?s).*\\bdata\\b.*"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("JPQL joins an entity's StoreKey attribute to the StoredObject of that key")
    void jpqlJoinsAnEntityToItsStoredObject(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        String documents = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, table);
        Jpa.execute(ds, Document.ddl(db, documents));
        try (Store store = Store.of(SqlBlobBackend.builder()
                        .dataSource(ds)
                        .table(table)
                        .createTable(false)
                        .build());
                EntityManagerFactory emf = Jpa.unit(db, ds)
                        .table("remote_store_objects", table)
                        .table("documents", documents)
                        .classes(Document.class)
                        .build()) {
            store.write("documents/1.pdf", new byte[1234]);
            store.write("documents/2.pdf", new byte[99]);
            Jpa.inTransaction(emf, em -> {
                em.persist(new Document(1, "big", StoreKey.of("documents/1.pdf")));
                em.persist(new Document(2, "small", StoreKey.of("documents/2.pdf")));
                em.persist(new Document(3, "dangling", StoreKey.of("documents/3.pdf")));
            });
            try (EntityManager em = emf.createEntityManager()) {
                List<Object[]> rows = em.createQuery(
                                "SELECT d.title, o.size FROM Document d JOIN StoredObject o ON o.key = d.content"
                                        + " ORDER BY o.size DESC",
                                Object[].class)
                        .getResultList();
                assertThat(rows).extracting(r -> r[0] + "=" + r[1]).containsExactly("big=1234", "small=99");
                List<Document> without = em.createQuery(
                                "SELECT d FROM Document d WHERE NOT EXISTS"
                                        + " (SELECT o FROM StoredObject o WHERE o.key = d.content)",
                                Document.class)
                        .getResultList();
                assertThat(without).extracting(Document::title).containsExactly("dangling");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("modifiedAt is the UTC the column holds, whatever the JVM's zone (even in its daylight-saving gap)")
    void modifiedAtIsUtcInAnyZone(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, table);
        TimeZone zone = TimeZone.getDefault();
        try (Store store = Store.of(SqlBlobBackend.builder()
                        .dataSource(ds)
                        .table(table)
                        .createTable(false)
                        .build());
                HikariDataSource sqlite = db == TestDatabase.SQLITE ? sqliteWithTextDates() : null;
                EntityManagerFactory emf = Jpa.unit(db, sqlite != null ? sqlite : ds)
                        .table("remote_store_objects", table)
                        .build()) {
            store.write("a.txt", bytes("a"));
            store.write("b.txt", bytes("b"));
            String q = db == TestDatabase.MARIADB ? "`" : "\"";
            // 02:30 on 2026-03-29 does not exist in Berlin (clocks jump from 02:00 to 03:00): a driver that
            // reads the wall-clock time in the JVM's zone moves it an hour
            Jpa.execute(
                    ds,
                    "UPDATE " + q + table + q + " SET " + q + "modified_at" + q + " = "
                            + (db == TestDatabase.SQLITE
                                    ? "'2026-03-29 02:30:00.000'"
                                    : "TIMESTAMP '2026-03-29 02:30:00'")
                            + " WHERE " + q + "key" + q + " = 'a.txt'");
            Instant b = store.getFileInfo("b.txt").modifiedAt().orElseThrow();
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            try (EntityManager em = emf.createEntityManager()) {
                assertThat(em.find(StoredObject.class, "a.txt").modifiedAt())
                        .isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
                assertThat(em.find(StoredObject.class, "b.txt").modifiedAt()).isEqualTo(b);
                assertThat(em.createQuery("SELECT o.key FROM StoredObject o WHERE o.modifiedAt < :t", String.class)
                                .setParameter("t", Instant.parse("2026-03-29T02:45:00Z"))
                                .getResultList())
                        .containsExactly("a.txt");
            } finally {
                TimeZone.setDefault(zone);
            }
        }
    }

    /**
     * SQLite keeps timestamps as text; sqlite-jdbc binds a {@code java.sql.Timestamp} parameter as a number unless
     * {@code date_class=TEXT}, and a number never compares equal to, or below, text (docs/jpa.md).
     */
    private static HikariDataSource sqliteWithTextDates() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.SQLITE.url() + "?date_class=TEXT");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    @Test
    @DisplayName("an orm.xml maps the entity to another table (quoted, as the blob table's DDL creates it)")
    void ormXmlOverridesTheTable() throws Exception {
        for (TestDatabase db : List.of(TestDatabase.H2, TestDatabase.SQLITE)) {
            DataSource ds = db.dataSource();
            // embedded databases of this JVM: a fixed name cannot collide with another test run
            Jpa.execute(ds, "DROP TABLE IF EXISTS \"rs_jpa_custom_objects\"");
            Jpa.createBlobTable(ds, "rs_jpa_custom_objects");
            try (Store store = Store.of(SqlBlobBackend.builder()
                            .dataSource(ds)
                            .table("rs_jpa_custom_objects")
                            .createTable(false)
                            .build());
                    EntityManagerFactory emf = Jpa.unit(db, ds)
                            .mappingFile("META-INF/remote-store-test-orm.xml")
                            .build();
                    EntityManager em = emf.createEntityManager()) {
                store.write("x.txt", bytes("x"));
                assertThat(em.createQuery("SELECT o.key FROM StoredObject o", String.class)
                                .getResultList())
                        .as("%s", db)
                        .containsExactly("x.txt");
            } finally {
                Jpa.execute(ds, "DROP TABLE IF EXISTS \"rs_jpa_custom_objects\"");
            }
        }
    }

    @Test
    @DisplayName("StoredObject has no public constructor and no setters: objects are written through the store")
    void readOnly() {
        assertThat(StoredObject.class.getConstructors()).isEmpty();
        assertThat(StoredObject.class.getMethods()).noneMatch(m -> m.getName().startsWith("set"));
        assertThat(StoredObject.class.isAnnotationPresent(org.hibernate.annotations.Immutable.class))
                .isTrue();
        assertThat(Instant.class).isNotNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
