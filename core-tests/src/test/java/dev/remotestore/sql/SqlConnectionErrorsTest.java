package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Connection failures say what is wrong, at once; nothing a user configured as a secret is ever printed. */
@DatabaseTest
class SqlConnectionErrorsTest {
    /** A pool waits this long for a connection; a failure to connect at all must not wait it out. */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(60);
    /** Far below POOL_TIMEOUT: a guard against waiting out the pool, not a performance target. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private static Throwable buildFails(SqlBlobBackend.Builder builder) {
        return assertTimeoutPreemptively(
                PROMPTLY, () -> catchThrowable(() -> builder.build().close()));
    }

    @Test
    @DisplayName("a credential in the URL (sslpassword, password, apikey) appears in no description, plan or message")
    void urlSecretsAreNeverPrinted() {
        TestDatabase.POSTGRESQL.dataSource(); // skips (or fails in CI) when the server is not there
        String url = TestDatabase.POSTGRESQL.url()
                + "?sslmode=disable&sslpassword=topsecret1&password=topsecret2&apikey=topsecret3&user="
                + TestDatabase.POSTGRESQL.user();
        try (SqlBlobBackend backend = SqlBlobBackend.builder()
                        .url(url)
                        .table(TestDatabase.newTableName())
                        .build();
                Store store = Store.of(backend)) {
            ResolutionPlan plan = store.resolve("a.txt");
            Throwable missing = catchThrowable(() -> store.readBytes("missing.txt"));
            for (String text : new String[] {
                backend.description(), backend.toString(), store.toString(), plan.toString(), String.valueOf(missing)
            }) {
                assertThat(text).doesNotContain("topsecret");
            }
            assertThat(backend.description()).endsWith(TestDatabase.POSTGRESQL.url());
        }
    }

    @Test
    @DisplayName("a borrowed PGSimpleDataSource is described by host and database, in a few words, without secrets")
    void borrowedDataSourceIsDescribedBriefly() {
        TestDatabase.POSTGRESQL.dataSource();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabase.POSTGRESQL.url());
        ds.setUser(TestDatabase.POSTGRESQL.user());
        ds.setSslPassword("topsecret4");
        try (SqlBlobBackend backend = SqlBlobBackend.builder()
                .dataSource(ds)
                .table(TestDatabase.newTableName())
                .build()) {
            assertThat(backend.description())
                    .isEqualTo("sql_blob on " + TestDatabase.POSTGRESQL.url())
                    .doesNotContain("topsecret");
        }
    }

    @Test
    @DisplayName("a URL naming a database that does not exist: the store builds, and every operation says so at once")
    void missingDatabaseFailsAtOnceWithTheReason() {
        TestDatabase.POSTGRESQL.dataSource();
        String url = TestDatabase.POSTGRESQL.url().replaceFirst("/[^/]+$", "/rs_no_such_database");
        try (Store store = Store.of(SqlBlobBackend.builder()
                .url(url)
                .user(TestDatabase.POSTGRESQL.user())
                .connectionTimeout(POOL_TIMEOUT)
                .build())) {
            Throwable thrown =
                    assertTimeoutPreemptively(PROMPTLY, () -> catchThrowable(() -> store.readBytes("a.txt")));
            assertThat(thrown).isInstanceOf(BackendUnavailableException.class);
            assertThat(((BackendUnavailableException) thrown).path()).isEqualTo("a.txt");
            assertThat(thrown.getMessage()).contains("rs_no_such_database").contains("does not exist");
        }
    }

    @Test
    @DisplayName("MariaDB: a wrong password at start is PermissionDeniedException, at once (owned and borrowed pool)")
    void wrongPasswordIsPermissionDenied() throws Exception {
        TestDatabase.MARIADB.dataSource();
        Throwable owned = buildFails(SqlBlobBackend.builder()
                .url(TestDatabase.MARIADB.url())
                .user(TestDatabase.MARIADB.user())
                .password("not-the-password")
                .connectionTimeout(POOL_TIMEOUT));
        assertThat(owned).isInstanceOf(PermissionDeniedException.class);
        assertThat(owned.getMessage()).contains("Access denied").doesNotContain("not-the-password");

        MariaDbDataSource ds = new MariaDbDataSource(TestDatabase.MARIADB.url());
        ds.setUser(TestDatabase.MARIADB.user());
        ds.setPassword("not-the-password");
        Throwable borrowed = buildFails(SqlBlobBackend.builder().dataSource(ds));
        assertThat(borrowed).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    @DisplayName("PostgreSQL: an unknown role at start is PermissionDeniedException, at once")
    void unknownRoleIsPermissionDenied() {
        TestDatabase.POSTGRESQL.dataSource();
        Throwable thrown = buildFails(SqlBlobBackend.builder()
                .url(TestDatabase.POSTGRESQL.url())
                .user("rs_no_such_role")
                .connectionTimeout(POOL_TIMEOUT));
        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
        assertThat(thrown.getMessage()).contains("rs_no_such_role");
    }

    @Test
    @DisplayName("H2: a key longer than the key column is missing for reads and invalid for writes; no SQL in messages")
    void h2OverlongKeysSayNoSql() {
        try (Store store = Store.of(SqlBlobBackend.builder()
                .dataSource(TestDatabase.H2.dataSource())
                .table(TestDatabase.newTableName())
                .build())) {
            String key = "k".repeat(1500);
            assertThat(store.exists(key)).isFalse();
            assertThat(store.isFile(key)).isFalse();
            Throwable read = catchThrowable(() -> store.readBytes(key));
            assertThat(read).isInstanceOf(NotFoundException.class);
            Throwable write = catchThrowable(() -> store.write(key, new byte[1]));
            assertThat(write).isInstanceOf(InvalidPathException.class);
            for (Throwable t : new Throwable[] {read, write}) {
                assertThat(t.getMessage()).doesNotContainIgnoringCase("SQL statement");
            }
            assertThatThrownBy(() -> WriteOption.contentType("t/" + "x".repeat(300)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("255");
            assertThatThrownBy(() -> store.getFileInfo(key)).isInstanceOf(NotFoundException.class);
        }
    }
}
