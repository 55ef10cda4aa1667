package example.app.db;

import dev.remotestore.flyway.CreateBlobTable;

/** An application's migration: the blob table at version 2 of its own history. */
public class V2__blob_table extends CreateBlobTable {}
