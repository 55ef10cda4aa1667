package dev.remotestore.sql;

/** The Store contract on H2 (in memory). */
class H2BlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
