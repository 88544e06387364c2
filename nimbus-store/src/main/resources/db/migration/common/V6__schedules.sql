-- Schedules (issue 5). Portable SQL shared by SQLite and PostgreSQL. Times are epoch milliseconds.
CREATE TABLE schedules (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    function_name VARCHAR(64)  NOT NULL,
    qualifier     VARCHAR(128),
    expression    VARCHAR(256) NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    next_fire_at  BIGINT       NOT NULL,
    last_fired_at BIGINT,
    skipped       BIGINT       NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_fire_at);
