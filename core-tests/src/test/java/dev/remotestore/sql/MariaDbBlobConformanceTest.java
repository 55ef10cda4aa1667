package dev.remotestore.sql;

import dev.remotestore.testkit.TestDatabase;

/** The Store contract on the MariaDB server of the machine, at its default max_allowed_packet. */
class MariaDbBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
