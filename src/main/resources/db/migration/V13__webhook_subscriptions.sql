-- The webhook subscriptions the hub keeps for a Shopify or WooCommerce channel (POST channels/{id}/webhooks,
-- register-webhooks at start-up, and the hourly check): when they were last found or made right, what went
-- wrong the last time, and when the check last had to restore one (the platform removed or disabled it).
alter table channel add column webhooks_registered_at timestamptz;
alter table channel add column webhooks_checked_at timestamptz;
alter table channel add column webhooks_problem text;
alter table channel add column webhooks_restored_at timestamptz;
