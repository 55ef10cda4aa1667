package dev.remotestore.sql;

import dev.remotestore.testkit.TestDatabase;

/** The Store contract on the PostgreSQL server of the machine. */
class PostgresBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
