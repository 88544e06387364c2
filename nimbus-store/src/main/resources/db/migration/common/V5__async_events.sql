-- Durable asynchronous invocations (issue 5). Portable SQL shared by SQLite and PostgreSQL.
-- status: pending | in_flight | retrying | delivered | dead_lettered. Times are epoch milliseconds.
CREATE TABLE async_events (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    function_name  VARCHAR(64)  NOT NULL,
    qualifier      VARCHAR(128),
    payload        TEXT         NOT NULL, -- base64: one type for SQLite and PostgreSQL
    client_context TEXT,
    trace_id       VARCHAR(512),
    accepted_at    BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    attempts       INTEGER      NOT NULL,
    due_at         BIGINT       NOT NULL,
    lease_until    BIGINT,
    last_error     TEXT,
    finished_at    BIGINT
);
CREATE INDEX async_events_due ON async_events (status, due_at);
CREATE INDEX async_events_function ON async_events (function_name, accepted_at);
