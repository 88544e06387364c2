-- Shared by every dialect (SQLite now, PostgreSQL for cluster mode): portable SQL only.
-- Timestamps are epoch milliseconds (BIGINT); JSON is TEXT.

CREATE TABLE functions (
    name            VARCHAR(64) NOT NULL PRIMARY KEY,
    latest_revision BIGINT      NOT NULL,
    created_at      BIGINT      NOT NULL,
    updated_at      BIGINT      NOT NULL
);

CREATE TABLE function_revisions (
    name        VARCHAR(64)  NOT NULL,
    revision    BIGINT       NOT NULL,
    runtime     VARCHAR(32)  NOT NULL,
    handler     VARCHAR(128) NOT NULL,
    memory_mb   INTEGER      NOT NULL,
    timeout_s   INTEGER      NOT NULL,
    environment TEXT         NOT NULL,
    description VARCHAR(256) NOT NULL,
    concurrency INTEGER      NOT NULL,
    code_sha256 CHAR(64)     NOT NULL,
    code_size   BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (name, revision),
    FOREIGN KEY (name) REFERENCES functions (name) ON DELETE CASCADE
);

-- Lets a future code garbage collector find archives no revision refers to.
CREATE INDEX function_revisions_code ON function_revisions (code_sha256);
