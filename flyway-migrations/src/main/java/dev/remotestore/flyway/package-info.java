/**
 * The remote-store blob table in Flyway: {@link dev.remotestore.flyway.CreateBlobTable}, a Java migration base
 * class an application extends at a version of its own history, and
 * {@link dev.remotestore.flyway.RemoteStoreMigrations}, which keeps the table up to date in a history table of its
 * own. The package holds no concrete migration: nothing in it runs unless the application asks. See
 * {@code docs/flyway.md}.
 */
package dev.remotestore.flyway;
