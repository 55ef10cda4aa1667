-- The application's own table: one row per uploaded document. Its content lives in the store, under the key in
-- content_key (the blob table of V2, or the warm directory once the lifecycle job moved it there).
-- Portable SQL: the same script runs on H2, PostgreSQL and MariaDB.
CREATE TABLE document (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    title        VARCHAR(200)  NOT NULL,
    file_name    VARCHAR(255)  NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    uploaded_at  TIMESTAMP(6)  DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
    content_key  VARCHAR(1024) NOT NULL
);

CREATE INDEX document_uploaded_at ON document (uploaded_at);
