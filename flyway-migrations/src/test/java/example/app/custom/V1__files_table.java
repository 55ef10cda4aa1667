package example.app.custom;

import dev.remotestore.flyway.CreateBlobTable;

/** An application's migration: the blob table under a name of its own. */
public class V1__files_table extends CreateBlobTable {
    public V1__files_table() {
        super("app_files");
    }
}
