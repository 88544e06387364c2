-- Namespaces (issue 6): tenants with quotas (NULL = unlimited). Names of functions, topics,
-- buckets, schedules and secrets stay unique across the installation; resource_owners records which
-- namespace claimed each, and keeps the claim after the resource is deleted. The default namespace
-- is created by the server at start. Times epoch milliseconds.
CREATE TABLE namespaces (
    name           VARCHAR(32) NOT NULL PRIMARY KEY,
    max_functions  INTEGER,
    max_instances  INTEGER,
    max_code_bytes BIGINT,
    created_at     BIGINT      NOT NULL
);
CREATE TABLE resource_owners (
    kind      VARCHAR(16) NOT NULL,
    name      VARCHAR(64) NOT NULL,
    namespace VARCHAR(32) NOT NULL,
    PRIMARY KEY (kind, name)
);
CREATE INDEX resource_owners_namespace ON resource_owners (namespace);
ALTER TABLE api_keys ADD COLUMN namespace VARCHAR(32) NOT NULL DEFAULT 'default';
