package example.app.invalid;

import dev.remotestore.flyway.CreateBlobTable;

/** An application's migration with a table name that is no SQL identifier. */
public class V1__bad_blob_table extends CreateBlobTable {
    public V1__bad_blob_table() {
        super("bad-name");
    }
}
