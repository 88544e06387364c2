-- The Lambda runtime id (e.g. python3.12) a function was given through the Lambda API, shown back
-- to Lambda clients; '' when it was configured through the native API.
ALTER TABLE function_revisions ADD COLUMN lambda_runtime VARCHAR(32) NOT NULL DEFAULT '';
