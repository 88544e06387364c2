-- Whether a revision's instances may reach the internet (FunctionConfig.egress); none before.
ALTER TABLE function_revisions ADD COLUMN egress BOOLEAN NOT NULL DEFAULT FALSE;
