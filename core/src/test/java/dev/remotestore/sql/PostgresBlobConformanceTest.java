package dev.remotestore.sql;

/** The Store contract on the PostgreSQL server of the machine. */
class PostgresBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
