package db.migration;

import dev.remotestore.flyway.CreateBlobTable;

/**
 * The application's migration of the Flyway tests: the blob table at version 1 of its own history, in Flyway's
 * default location. Only the tests that add it to their application have it.
 */
public class V1__blob_table extends CreateBlobTable {}
