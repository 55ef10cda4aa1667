-- The remote-store blob table on PostgreSQL (docs/spec/blob-table.md). ${table} is the table's name.
-- COLLATE "C": keys compare in byte order whatever the database's collation. STORAGE EXTERNAL: data is
-- TOASTed uncompressed, so substring() reads only the chunks of a slice.
CREATE TABLE IF NOT EXISTS ${table} (
    "key"          TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length("key") > 0),
    "data"         BYTEA     NOT NULL,
    "size"         BIGINT    NOT NULL,
    "modified_at"  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_type" TEXT,
    "digest"       TEXT,
    "extra"        TEXT
);
ALTER TABLE ${table} ALTER COLUMN "data" SET STORAGE EXTERNAL;
