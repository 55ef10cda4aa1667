-- The remote-store blob table on SQLite (docs/spec/blob-table.md). ${table} is the table's name.
-- Keys compare with SQLite's BINARY collation: byte order of their UTF-8 form. size is declared BIGINT (INTEGER
-- affinity, 64-bit like any SQLite integer) so that JDBC metadata says BIGINT, as JPA schema validation expects.
CREATE TABLE IF NOT EXISTS ${table} (
    "key"          TEXT      NOT NULL PRIMARY KEY CHECK (length("key") > 0),
    "data"         BLOB      NOT NULL,
    "size"         BIGINT    NOT NULL,
    "modified_at"  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_type" TEXT,
    "digest"       TEXT,
    "extra"        TEXT
);
