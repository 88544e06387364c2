-- API keys (issue 6): the secret is never stored in clear. secret_sha256 authenticates bearer
-- requests; the sealed copy (AES-256-GCM under the secrets' master key, kept outside the database)
-- lets SigV4 signatures made with the key be checked. Bytes are base64 text; times epoch milliseconds.
CREATE TABLE api_keys (
    id            VARCHAR(32) NOT NULL PRIMARY KEY,
    name          VARCHAR(64) NOT NULL,
    role          VARCHAR(16) NOT NULL,
    secret_sha256 CHAR(64)    NOT NULL,
    nonce         TEXT        NOT NULL,
    ciphertext    TEXT        NOT NULL,
    created_at    BIGINT      NOT NULL
);
