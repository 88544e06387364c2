-- Delivery configuration (issue 5): per function and qualifier (Lambda's event invoke config with
-- its destinations and dead-letter topic), per subscription and per schedule; and what caused each
-- asynchronous event, so that its delivery follows the configuration of its subscription or schedule,
-- and how deep in a chain of destinations it is.
-- Portable SQL shared by SQLite and PostgreSQL. Configurations are JSON objects.
CREATE TABLE delivery_configs (
    function_name VARCHAR(64)  NOT NULL,
    qualifier     VARCHAR(128) NOT NULL,
    config        TEXT         NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
ALTER TABLE subscriptions ADD COLUMN delivery TEXT;
ALTER TABLE schedules ADD COLUMN delivery TEXT;
ALTER TABLE async_events ADD COLUMN origin VARCHAR(200);
ALTER TABLE async_events ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
CREATE INDEX async_events_origin ON async_events (origin, accepted_at);
