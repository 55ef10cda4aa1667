package dev.remotestore.flyway;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The remote-store blob table as a migration of the application's own Flyway history, at a version the
 * application chooses. Extend it in one of your migration locations; the class name gives version and description,
 * as for every Flyway Java migration:
 *
 * <pre>{@code
 * package db.migration;
 *
 * public class V7__blob_table extends dev.remotestore.flyway.CreateBlobTable {}
 * }</pre>
 *
 * Another table name, optionally schema-qualified, goes to the constructor:
 * {@code public V7__blob_table() { super("app_files"); }}.
 *
 * <p>It runs the blob table's script for the connected database (SQLite, H2, PostgreSQL, MariaDB/MySQL), the one
 * {@link dev.remotestore.sql.BlobTableSchema} holds, within Flyway's transaction. The script is
 * {@code CREATE TABLE IF NOT EXISTS}: a table that exists already (for instance one that
 * {@code SqlBlobBackend} created earlier) is kept as it is.
 *
 * <p><b>History entry</b>: version and description as the subclass's name says ({@code V7__blob_table} → 7,
 * "blob table"); type {@code JDBC}; checksum {@link #getChecksum()}, which depends on the table name alone and
 * stays the same across releases of this library and across databases. A later change of the table gets a base
 * class of its own for a later version (see {@code docs/flyway.md}); this one never changes what it promises.
 *
 * <p>This class is abstract on purpose: the library ships no concrete migration, so nothing runs in an
 * application that merely has it on the class path. Instances are immutable.
 */
public abstract class CreateBlobTable extends BaseJavaMigration {
    /** The table's name unless a subclass gives another: {@value}. */
    public static final String DEFAULT_TABLE = "remote_store_objects";

    /** Version of the table this migration creates (1: the table of {@code docs/spec/blob-table.md}). */
    static final int TABLE_VERSION = 1;

    private final String table;

    /** The blob table {@value #DEFAULT_TABLE}. */
    protected CreateBlobTable() {
        this(DEFAULT_TABLE);
    }

    /**
     * The blob table {@code table}, optionally schema-qualified ({@code schema.table}); letters, digits and
     * {@code _}. An invalid name fails the migration (not the construction: Flyway's class scan would only skip
     * the class with a warning), with a message naming this class, the name and the rule.
     */
    protected CreateBlobTable(String table) {
        this.table = table;
    }

    /** The table this migration creates, as given to the constructor. */
    public final String table() {
        return table;
    }

    /**
     * The CRC-32 of {@code "remote-store blob table 1 <table>"}: what this migration promises, independent of the
     * database and of this library's release. Flyway stores it in the history; changing the table name of an
     * applied migration is then reported by Flyway's validation as a checksum mismatch.
     */
    @Override
    public Integer getChecksum() {
        return BlobTableMigrations.checksum(TABLE_VERSION, String.valueOf(table));
    }

    /**
     * Creates the table unless it exists.
     *
     * @throws IllegalArgumentException naming this class and the table for an invalid table name or a database the
     *     library does not support (Flyway reports it as the cause of the failed migration)
     */
    @Override
    public void migrate(Context context) throws Exception {
        String name = getClass().getName();
        BlobTableMigrations.validateTable(name + ": table", table);
        BlobTableMigrations.createTable(context.getConnection(), table, name);
    }
}
