package db.migration;

import dev.remotestore.flyway.CreateBlobTable;

/**
 * Version 2 of the application's history creates remote-store's blob table, {@code remote_store_objects}: the hot
 * tier of the document store. Hibernate ORM validates it (the entity {@code StoredObject} is enabled) after Flyway
 * ran, and the store finds it ready.
 */
public class V2__blob_table extends CreateBlobTable {}
