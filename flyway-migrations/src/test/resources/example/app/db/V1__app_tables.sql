-- An application's own table, in its own history before the blob table joins it (see V2__blob_table).
CREATE TABLE app_documents (
    id          INTEGER      NOT NULL PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    content_key VARCHAR(768)
);
