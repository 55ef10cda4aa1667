-- The remote-store blob table on H2 (docs/spec/blob-table.md). ${table} is the table's name.
-- VARCHAR keys compare by UTF-16 unit: byte order except between U+E000..U+FFFF and characters above U+FFFF.
CREATE TABLE IF NOT EXISTS ${table} (
    "key"          VARCHAR(1024) NOT NULL PRIMARY KEY CHECK (CHAR_LENGTH("key") > 0),
    "data"         BLOB          NOT NULL,
    "size"         BIGINT        NOT NULL,
    "modified_at"  TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_type" VARCHAR(255),
    "digest"       VARCHAR(64),
    "extra"        CHARACTER LARGE OBJECT
);
