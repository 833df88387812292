-- The dispatcher's claim looks for jobs a crashed instance left running past their lease, and for a
-- running job of the same product and channel; every push renews its job's lease. Running jobs are a
-- handful, the completed ones the table keeps are thousands: without this index PostgreSQL scanned them
-- all on each claim and each renewal (6 ms a claim at 14,500 rows, more PostgreSQL CPU than the rest of
-- an edit; docs/benchmarks.md).
create index sync_job_processing on sync_job (product_id, channel_id) where status = 'processing';

-- A webhook of a platform product finds its variants' links by the parent's id or its own
-- (store/LinkStore byParent, vanishedVariants); only the second was indexed, so the lookup read every
-- link of the channel.
create index product_link_parent on product_link (channel_id, external_parent_id) where external_parent_id is not null;
