/**
 * The conformance kit and the database test support ({@code dev.remotestore:remote-store-testkit}, scope
 * {@code test}; it brings JUnit 5 and AssertJ).
 *
 * <p><b>Kit.</b> The Store contract of {@code docs/spec/store-contract.md} as JUnit 5 tests: subclass
 * {@link dev.remotestore.testkit.StoreConformanceTest} and return a new, empty store from {@code createStore()}.
 * Each test names the rule it checks; tests that need a capability your backend lacks are skipped with the
 * reason, and quirks (no content types, no digests, a content size limit) are declared once by overriding the
 * kit's flag methods.
 *
 * <p><b>Databases.</b> {@link dev.remotestore.testkit.TestDatabase} gives SQLite, H2, PostgreSQL and MariaDB
 * test databases (servers from environment variables, the database created when missing, skipped when a
 * server is down, failed instead when {@code CI=true}); {@link dev.remotestore.testkit.DatabaseTest} drops the
 * tables a test class created. Add the JDBC drivers and HikariCP you need: they are optional dependencies.
 */
package dev.remotestore.testkit;
