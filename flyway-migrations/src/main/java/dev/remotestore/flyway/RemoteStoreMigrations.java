package dev.remotestore.flyway;

import dev.remotestore.BackendUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Brings the blob table up to date for an application that keeps no Flyway history of its own — or keeps one
 * and wants the blob table out of it: the table's migrations are recorded in a history table of their own,
 * {@value #DEFAULT_HISTORY_TABLE}, never in the application's.
 *
 * <pre>{@code
 * RemoteStoreMigrations.migrate(dataSource);                  // remote_store_objects, at start-up
 * RemoteStoreMigrations.configure()
 *         .table("app_files").schema("storage").historyTable("app_files_history")
 *         .migrate(dataSource);
 * }</pre>
 *
 * <p>The migrations exist only in this call (Flyway's fixed Java migrations; no location is scanned and no
 * callback runs), so an application's own Flyway setup never sees them. Version 1 creates the table with the
 * script {@link CreateBlobTable} runs, unless it exists; later table versions are later entries of the same
 * history. A database that already holds tables but not this history gets a baseline entry at version 0 first
 * (Flyway's {@code baselineOnMigrate}), so version 1 still runs.
 *
 * <p>Thread-safe: calls in one JVM run one at a time. Calls from several processes at once (instances of an
 * application starting together) are serialized by Flyway's lock on the history table on PostgreSQL and
 * MariaDB/MySQL. That lock is taken only once the history table exists: a process that finds the table created by
 * another one between its two looks (first "no history", then "the schema is not empty, baseline") fails in Flyway,
 * and is run again, up to three times, when it does. On SQLite and H2 migrate from one process.
 *
 * <p>Needs Flyway's support for the database on the class path: SQLite and H2 are in {@code flyway-core};
 * PostgreSQL needs {@code org.flywaydb:flyway-database-postgresql}, MariaDB and MySQL {@code org.flywaydb:flyway-mysql}.
 */
public final class RemoteStoreMigrations {
    /** The history table unless {@link Options#historyTable(String)} names another: {@value}. */
    public static final String DEFAULT_HISTORY_TABLE = "flyway_remote_store_history";

    private static final Object LOCK = new Object();

    /** How often a migration that lost the race to create the history table runs (see lostHistoryCreationRace). */
    private static final int ATTEMPTS = 3;

    private RemoteStoreMigrations() {}

    /**
     * Brings the blob table {@value CreateBlobTable#DEFAULT_TABLE} up to date in the connection's current schema,
     * recording it in {@value #DEFAULT_HISTORY_TABLE} there.
     *
     * @return how many migrations ran: 0 when the table was up to date
     * @throws BackendUnavailableException when the database cannot be reached
     * @throws IllegalStateException when a migration fails, the history disagrees with these migrations, or Flyway
     *     lacks support for the database (naming the artifact to add); the Flyway exception is the cause
     */
    public static int migrate(DataSource dataSource) {
        return configure().migrate(dataSource);
    }

    /** Options for another table, schema or history table; end with {@link Options#migrate(DataSource)}. */
    public static Options configure() {
        return new Options();
    }

    /**
     * Table, schema and history table of a {@link #migrate(DataSource) migration}. Each setter checks its value at
     * once. Not thread-safe (configure, then migrate); {@link #migrate(DataSource)} may be called again.
     */
    public static final class Options {
        private String table = CreateBlobTable.DEFAULT_TABLE;
        private String schema;
        private String historyTable = DEFAULT_HISTORY_TABLE;

        private Options() {}

        /**
         * The blob table; default {@value CreateBlobTable#DEFAULT_TABLE}. Letters, digits and {@code _}, optionally
         * schema-qualified ({@code schema.table}; then only the table lives there, the history stays in the
         * {@link #schema(String) schema}).
         *
         * @throws IllegalArgumentException naming the option, the value and the rule
         */
        public Options table(String table) {
            this.table = BlobTableMigrations.validateTable("table", table);
            return this;
        }

        /**
         * The schema of the history table and of an unqualified blob table, created when missing (Flyway's
         * {@code schemas} and {@code defaultSchema}; a database on MariaDB/MySQL). Default: the connection's
         * current schema. Not on SQLite, which has no schemas.
         *
         * @throws IllegalArgumentException naming the option, the value and the rule
         */
        public Options schema(String schema) {
            this.schema = BlobTableMigrations.validateIdentifier("schema", schema);
            return this;
        }

        /**
         * The history table of these migrations; default {@value #DEFAULT_HISTORY_TABLE}. One history table per
         * blob table: a history that records another table fails validation.
         *
         * @throws IllegalArgumentException naming the option, the value and the rule
         */
        public Options historyTable(String historyTable) {
            this.historyTable = BlobTableMigrations.validateIdentifier("historyTable", historyTable);
            return this;
        }

        /**
         * Brings the table up to date.
         *
         * @return how many migrations ran: 0 when the table was up to date
         * @throws BackendUnavailableException when the database cannot be reached
         * @throws IllegalStateException when a migration fails, the history disagrees with these migrations, or
         *     Flyway lacks support for the database (naming the artifact to add); the Flyway exception is the cause
         * @throws IllegalArgumentException for a schema on SQLite, which has none
         */
        public int migrate(DataSource dataSource) {
            if (dataSource == null) {
                throw new IllegalArgumentException(
                        "dataSource is null: RemoteStoreMigrations needs the database's DataSource");
            }
            FluentConfiguration config = Flyway.configure()
                    .dataSource(dataSource)
                    .table(historyTable)
                    // only the migrations below: no location scanned, no SQL or Java callback found on the class path
                    .skipDefaultResolvers(true)
                    .skipDefaultCallbacks(true)
                    .javaMigrations(steps(table).toArray(JavaMigration[]::new))
                    // a schema with the application's tables but without this history: start it below version 1
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("<< remote-store history start >>");
            if (schema != null) {
                rejectSchemaOnSqlite(dataSource);
                config.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            // One call at a time in this JVM: on SQLite and H2 Flyway's lock does not cover creating the history
            // table, so a second caller could fail ("database is locked", "Unable to baseline … already exists").
            synchronized (LOCK) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        return config.load().migrate().migrationsExecuted;
                    } catch (FlywayException e) {
                        if (attempt < ATTEMPTS && lostHistoryCreationRace(e)) {
                            continue;
                        }
                        throw failure(e);
                    }
                }
            }
        }

        /** Flyway would retry creating the schema for ten seconds on SQLite, then fail: say why at once. */
        private void rejectSchemaOnSqlite(DataSource dataSource) {
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new BackendUnavailableException(
                        "the database cannot be reached: " + e.getMessage(), null, describe(), e);
            }
            if (product != null && product.toLowerCase(Locale.ROOT).contains("sqlite")) {
                throw new IllegalArgumentException("schema \"" + schema + "\": SQLite has no schemas (a database"
                        + " file is one); leave the schema option out");
            }
        }

        private String describe() {
            return "RemoteStoreMigrations of table " + table + " (history table " + historyTable
                    + (schema == null ? "" : ", schema " + schema) + ")";
        }

        private RuntimeException failure(FlywayException e) {
            String what = describe();
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Unsupported Database: ")) {
                String product =
                        message.substring("Unsupported Database: ".length()).strip();
                return new IllegalStateException(
                        what + ": Flyway has no support for " + product + " on the class path; add "
                                + pluginFor(product),
                        e);
            }
            if (isConnectionFailure(e)) {
                return new BackendUnavailableException(
                        "the database cannot be reached: " + firstLine(message), null, what, e);
            }
            if (e instanceof FlywayValidateException) {
                return new IllegalStateException(
                        what + ": the history table disagrees with these migrations (does it record another blob"
                                + " table? give each table its own historyTable): " + message,
                        e);
            }
            return new IllegalStateException(what + " failed: " + message, e);
        }
    }

    /**
     * The migrations of {@code table}, in version order: version n brings the table to table version n. Anonymous
     * classes on purpose: a Flyway scan that reaches this package skips them silently (it instantiates only named,
     * concrete classes), so they run only here.
     */
    static List<JavaMigration> steps(String table) {
        return List.of(step(
                CreateBlobTable.TABLE_VERSION,
                table,
                "create blob table " + table,
                context -> BlobTableMigrations.createTable(
                        context.getConnection(), table, RemoteStoreMigrations.class.getName())));
    }

    /** A migration's work. */
    private interface Work {
        void run(Context context) throws Exception;
    }

    private static JavaMigration step(int tableVersion, String table, String description, Work work) {
        MigrationVersion version = MigrationVersion.fromVersion(Integer.toString(tableVersion));
        int checksum = BlobTableMigrations.checksum(tableVersion, table);
        return new JavaMigration() {
            @Override
            public MigrationVersion getVersion() {
                return version;
            }

            @Override
            public String getDescription() {
                return description;
            }

            @Override
            public Integer getChecksum() {
                return checksum;
            }

            @Override
            public boolean canExecuteInTransaction() {
                return true;
            }

            @Override
            public void migrate(Context context) throws Exception {
                work.run(context);
            }
        };
    }

    /** The Flyway artifact that supports {@code product} (the database's product name, as Flyway reports it). */
    static String pluginFor(String product) {
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgres")) {
            return "org.flywaydb:flyway-database-postgresql";
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            return "org.flywaydb:flyway-mysql";
        }
        return "the Flyway database plugin for it (https://documentation.red-gate.com/fd/supported-databases)";
    }

    /**
     * Whether Flyway failed because another process created the history table while this one looked: it found no
     * history table, then a schema that is not empty (the other's new history table in it), and its baseline found the
     * table there ("Unable to baseline schema history table … as it already exists, and is empty"). Run again, it
     * finds the table and waits for the other's lock like any later process.
     */
    static boolean lostHistoryCreationRace(FlywayException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Unable to baseline schema history table");
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
