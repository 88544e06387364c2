-- Secrets (issue 6): values sealed with AES-256-GCM under a master key kept outside the database.
-- Portable SQL shared by SQLite and PostgreSQL. Bytes are base64 text; times are epoch milliseconds.
CREATE TABLE secrets (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    nonce      TEXT        NOT NULL,
    ciphertext TEXT        NOT NULL,
    created_at BIGINT      NOT NULL,
    updated_at BIGINT      NOT NULL
);
