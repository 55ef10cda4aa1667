package dev.remotestore.sql;

import dev.remotestore.testkit.TestDatabase;

/** The Store contract on SQLite (a file database). */
class SqliteBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }
}
