-- Object storage (issue 5): buckets, object metadata and bucket notifications. The bytes are files
-- under <dataDir>/objects with opaque names (column blob). Portable SQL shared by SQLite and
-- PostgreSQL. Times are epoch milliseconds. Listings are in UTF-8 byte order of the keys, which is
-- SQLite's BINARY collation; PostgreSQL needs COLLATE "C" on object_key.
CREATE TABLE buckets (
    name       VARCHAR(63) NOT NULL PRIMARY KEY,
    created_at BIGINT      NOT NULL
);
CREATE TABLE objects (
    bucket        VARCHAR(63)   NOT NULL,
    object_key    VARCHAR(1024) NOT NULL,
    size          BIGINT        NOT NULL,
    etag          VARCHAR(32)   NOT NULL,
    content_type  TEXT          NOT NULL,
    user_metadata TEXT          NOT NULL, -- a JSON object
    headers       TEXT          NOT NULL, -- a JSON object: Cache-Control, Content-Disposition, ... as uploaded
    last_modified BIGINT        NOT NULL,
    sequencer     VARCHAR(32)   NOT NULL, -- 16 upper-case hex digits: MAX(sequencer) is the greatest
    blob          VARCHAR(32)   NOT NULL,
    PRIMARY KEY (bucket, object_key),
    FOREIGN KEY (bucket) REFERENCES buckets (name)
);
CREATE INDEX objects_blob ON objects (blob);
-- No foreign key to buckets: a notification may name an external bucket (S3 webhook).
CREATE TABLE bucket_notifications (
    bucket        VARCHAR(63)   NOT NULL,
    name          VARCHAR(64)   NOT NULL,
    function_name VARCHAR(64)   NOT NULL,
    qualifier     VARCHAR(128),
    events        TEXT          NOT NULL, -- a JSON array of event kinds
    prefix        VARCHAR(1024) NOT NULL,
    suffix        VARCHAR(1024) NOT NULL,
    created_at    BIGINT        NOT NULL,
    delivery      TEXT,                   -- its own delivery configuration (JSON), or null
    PRIMARY KEY (bucket, name)
);
CREATE INDEX bucket_notifications_function ON bucket_notifications (function_name);
