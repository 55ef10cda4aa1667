package dev.remotestore.sql;

/** The Store contract on the MariaDB server of the machine, at its default max_allowed_packet. */
class MariaDbBlobConformanceTest extends SqlBlobConformanceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
