/**
 * An application's Flyway migrations, for the tests: outside {@code dev/remotestore} and {@code db/migration}, so
 * that the plain-scan test sees only what the module itself ships. Each sub-package is one migration location.
 */
package example.app;
