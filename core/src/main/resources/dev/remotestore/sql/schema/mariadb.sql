-- The remote-store blob table on MariaDB / MySQL (docs/spec/blob-table.md). ${table} is the table's name.
-- utf8mb4_nopad_bin: keys compare in byte order and 'a' <> 'a '; 768 characters are the most an InnoDB
-- index holds (3072 bytes).
CREATE TABLE IF NOT EXISTS ${table} (
    `key`          VARCHAR(768) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    `data`         LONGBLOB     NOT NULL,
    `size`         BIGINT       NOT NULL,
    `modified_at`  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    `content_type` VARCHAR(255),
    `digest`       VARCHAR(64),
    `extra`        LONGTEXT,
    PRIMARY KEY (`key`),
    CHECK (CHAR_LENGTH(`key`) > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
