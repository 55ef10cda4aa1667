package dev.remotestore.sql;

import dev.remotestore.testkit.TestDatabase;

/** The Store contract on H2 (in memory). */
class H2BlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
