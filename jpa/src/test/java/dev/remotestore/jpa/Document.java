package dev.remotestore.jpa;

import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application's entity that holds keys: its content, and an optional preview image. */
@Entity
@Table(name = "documents")
public class Document {
    @Id
    private long id;

    private String title;

    private StoreKey content;

    private StoreKey preview;

    protected Document() {}

    Document(long id, String title, StoreKey content) {
        this.id = id;
        this.title = title;
        this.content = content;
    }

    long id() {
        return id;
    }

    String title() {
        return title;
    }

    StoreKey content() {
        return content;
    }

    void content(StoreKey content) {
        this.content = content;
    }

    void title(String title) {
        this.title = title;
    }

    StoreKey preview() {
        return preview;
    }

    void preview(StoreKey preview) {
        this.preview = preview;
    }

    /**
     * Creates the table of this entity, as the application's migrations would. On MariaDB the key columns compare
     * as the blob table's key does ({@code utf8mb4_nopad_bin}): a join of two other collations is refused
     * ("Illegal mix of collations"), and a {@code _ci} one would match keys that differ in case.
     */
    static String ddl(TestDatabase db, String table) {
        String key = db == TestDatabase.MARIADB
                ? "VARCHAR(768) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"
                : "VARCHAR(1024)";
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, title VARCHAR(200), content " + key + ", preview "
                + key + ")";
    }
}
