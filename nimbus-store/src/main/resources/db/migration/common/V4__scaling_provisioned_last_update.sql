-- Automatic scaling (issue 4). Portable SQL shared by SQLite and PostgreSQL.

-- A revision's scaling knobs as a JSON object (field names as the native API's "scaling"); NULL for
-- revisions written before scaling existed, which scale with the defaults. Published versions
-- freeze a revision, so they read it from there.
ALTER TABLE function_revisions ADD COLUMN scaling TEXT;

-- How the last update of $LATEST ended: 'Successful' or 'Failed' with the init error that refused
-- the candidate revision. NULL status: successful when the latest revision was created.
ALTER TABLE functions ADD COLUMN last_update_status VARCHAR(16);
ALTER TABLE functions ADD COLUMN last_update_error_type VARCHAR(128);
ALTER TABLE functions ADD COLUMN last_update_message TEXT;
ALTER TABLE functions ADD COLUMN last_update_at BIGINT;

-- Instances a published version or an alias keeps warm; qualifier is a version number or an alias.
CREATE TABLE provisioned_concurrency (
    name       VARCHAR(64)  NOT NULL,
    qualifier  VARCHAR(128) NOT NULL,
    requested  INTEGER      NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (name, qualifier),
    FOREIGN KEY (name) REFERENCES functions (name) ON DELETE CASCADE
);
