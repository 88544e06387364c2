-- The event bus (issue 5): topics and the subscriptions that bind them to functions.
-- Portable SQL shared by SQLite and PostgreSQL. Times are epoch milliseconds.
CREATE TABLE topics (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at BIGINT      NOT NULL
);
CREATE TABLE subscriptions (
    topic         VARCHAR(64)  NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    function_name VARCHAR(64)  NOT NULL,
    qualifier     VARCHAR(128),
    filter        TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (topic, name),
    FOREIGN KEY (topic) REFERENCES topics (name) ON DELETE CASCADE
);
