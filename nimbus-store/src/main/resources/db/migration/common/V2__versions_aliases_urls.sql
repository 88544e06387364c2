-- Published versions, aliases, function URLs and function-wide settings (Lambda compatibility).
-- Portable SQL shared by SQLite and PostgreSQL.

ALTER TABLE functions ADD COLUMN latest_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE functions ADD COLUMN reserved_concurrency INTEGER;

ALTER TABLE function_revisions ADD COLUMN revision_id VARCHAR(36) NOT NULL DEFAULT '';
ALTER TABLE function_revisions ADD COLUMN role VARCHAR(2048) NOT NULL DEFAULT '';
ALTER TABLE function_revisions ADD COLUMN http_payload VARCHAR(8) NOT NULL DEFAULT '2.0';

-- A published version freezes one revision under a number that is never reused.
CREATE TABLE function_versions (
    name        VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    revision    BIGINT       NOT NULL,
    description VARCHAR(256),
    revision_id VARCHAR(36)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (name, version),
    FOREIGN KEY (name) REFERENCES functions (name) ON DELETE CASCADE,
    FOREIGN KEY (name, revision) REFERENCES function_revisions (name, revision) ON DELETE CASCADE
);

CREATE TABLE function_aliases (
    name               VARCHAR(64)      NOT NULL,
    alias              VARCHAR(128)     NOT NULL,
    version            VARCHAR(16)      NOT NULL,
    description        VARCHAR(256)     NOT NULL,
    additional_version VARCHAR(16),
    additional_weight  DOUBLE PRECISION NOT NULL,
    revision_id        VARCHAR(36)      NOT NULL,
    updated_at         BIGINT           NOT NULL,
    PRIMARY KEY (name, alias),
    FOREIGN KEY (name) REFERENCES functions (name) ON DELETE CASCADE
);

-- qualifier is '' for the URL of the unqualified function.
CREATE TABLE function_urls (
    name        VARCHAR(64)  NOT NULL,
    qualifier   VARCHAR(128) NOT NULL,
    url_id      CHAR(32)     NOT NULL UNIQUE,
    auth_type   VARCHAR(16)  NOT NULL,
    cors        TEXT,
    invoke_mode VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (name, qualifier),
    FOREIGN KEY (name) REFERENCES functions (name) ON DELETE CASCADE
);
