-- Fenced jobs: every claim gives the job a new claim_token, and completing, retrying or failing it is
-- only done by the instance whose token the job still carries (outbound/JobOutcome). An instance that
-- lost its lease (paused past it, cut off from the database) and answers late changes nothing.
-- claimed_by names the instance (sync.instance-id) that holds or last held the job.
alter table sync_job add column claim_token uuid;
alter table sync_job add column claimed_by text;
