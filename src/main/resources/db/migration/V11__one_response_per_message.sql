-- One functional response per received message row. The response row names the row it answers, unique: processing
-- that runs a second time for a row (a crash after the response was queued, a lease that ran out while its owner was
-- still at work) finds the response it queued instead of answering again with another MessageID.
ALTER TABLE uftp_message ADD COLUMN answers_id BIGINT;
CREATE UNIQUE INDEX uftp_message_answers ON uftp_message (answers_id);
