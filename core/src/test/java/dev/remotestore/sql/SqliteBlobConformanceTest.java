package dev.remotestore.sql;

/** The Store contract on SQLite (a file database). */
class SqliteBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }
}
