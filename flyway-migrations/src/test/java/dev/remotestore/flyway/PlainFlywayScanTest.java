package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.internal.scanner.ClasspathClassScanner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that merely depends on the module: a plain Flyway setup whose locations reach the module's
 * classes (Flyway's default {@code classpath:db/migration}, and even {@code classpath:dev/remotestore/flyway} and
 * {@code classpath:dev/remotestore}) runs nothing of it. Surefire runs it with the module's classes
 * directory on the class path, failsafe ({@link PlainFlywayScanIT}) with the built jar.
 */
@DatabaseTest
class PlainFlywayScanTest {
    /**
     * Location sets of a plain setup: Flyway's default, the module's package, the project's root package (Flyway
     * drops a location inside another one, so they are scanned one set at a time).
     */
    static final List<List<String>> PLAIN_LOCATIONS = List.of(
            List.of("classpath:db/migration"),
            List.of("classpath:db/migration", "classpath:dev/remotestore/flyway"),
            List.of("classpath:dev/remotestore"));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a plain Flyway scan of the module (db/migration, dev/remotestore/flyway, dev/remotestore) resolves"
            + " and runs nothing: no table, no history entry")
    void plainScanRunsNothing(TestDatabase db) throws Exception {
        for (List<String> locations : PLAIN_LOCATIONS) {
            try (FreshSchema schema = FreshSchema.create(db)) {
                Flyway flyway = Flyway.configure()
                        .dataSource(schema.dataSource())
                        .locations(locations.toArray(String[]::new))
                        .load();

                assertThat(flyway.info().all()).as("%s", locations).isEmpty();
                assertThat(flyway.migrate().migrationsExecuted)
                        .as("%s", locations)
                        .isZero();

                assertThat(schema.tables()).as("%s", locations).isSubsetOf(List.of("flyway_schema_history"));
                if (!schema.tables().isEmpty()) {
                    assertThat(RemoteStoreMigrationsTest.history(schema, "flyway_schema_history"))
                            .as("%s", locations)
                            .isEmpty();
                }

                // the same scan with an application's location runs the application's migrations: the scan is live
                List<String> withAppLocation = new ArrayList<>(locations);
                withAppLocation.add("classpath:example/app/db");
                Flyway withApp = Flyway.configure()
                        .configuration(flyway.getConfiguration())
                        .locations(withAppLocation.toArray(String[]::new))
                        .load();
                assertThat(withApp.migrate().migrationsExecuted)
                        .as("%s", locations)
                        .isEqualTo(2);
                assertThat(schema.tables()).as("%s", locations).contains("remote_store_objects", "app_documents");
            }
        }
    }

    @Test
    @DisplayName("the scanned locations do reach the module's classes, among them CreateBlobTable and the separate"
            + " history's migration, which Flyway skips (abstract, anonymous)")
    void scanReachesTheModulesClasses() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> found =
                new ClasspathClassScanner(loader).scanForType("dev/remotestore/flyway", JavaMigration.class, true);

        assertThat(found)
                .contains(
                        CreateBlobTable.class.getName(),
                        RemoteStoreMigrations.class.getName(),
                        RemoteStoreMigrations.steps("t").get(0).getClass().getName());
        assertThat(RemoteStoreMigrations.steps("t").get(0).getClass().isAnonymousClass())
                .isTrue();
        assertThat(moduleLocation()).isNotNull();
    }

    @Test
    @DisplayName("with validateMigrationNaming, scanning the module's own package passes (it holds no SQL file)")
    void modulePackageHoldsNoSqlFile() throws Exception {
        try (FreshSchema schema = FreshSchema.create(TestDatabase.H2)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:db/migration", "classpath:dev/remotestore/flyway")
                    .validateMigrationNaming(true)
                    .load();

            assertThat(flyway.migrate().migrationsExecuted).isZero();
            assertThat(schema.tables()).doesNotContain("remote_store_objects");
        }
    }

    @Test
    @DisplayName("core's DDL scripts (dev/remotestore/sql/schema) are no migration location: their names have no"
            + " V prefix, so Flyway runs none of them, and refuses them with validateMigrationNaming")
    void coreScriptsAreNoMigrationLocation() throws Exception {
        try (FreshSchema schema = FreshSchema.create(TestDatabase.H2)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(schema.dataSource())
                    .locations("classpath:dev/remotestore/sql/schema")
                    .load();
            assertThat(flyway.info().all()).isEmpty();
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            assertThat(schema.tables()).doesNotContain("remote_store_objects");

            Flyway strict = Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .validateMigrationNaming(true)
                    .load();
            assertThatThrownBy(strict::migrate)
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("Invalid SQL filenames found")
                    .hasMessageContaining("postgresql.sql");
        }
    }

    /** Where the module's classes come from: its classes directory (surefire) or its jar (failsafe). */
    static URL moduleLocation() {
        return CreateBlobTable.class.getProtectionDomain().getCodeSource().getLocation();
    }
}
