-- What each channel last reported for a product, field by field:
-- {"name": {"value": "Mug", "at": "2026-11-25T10:00:00Z"}, ...} with the platform's time of the report.
-- Shopify and WooCommerce webhooks (and JTL product changes) carry the whole product, so a field counts as
-- changed on the channel only when it differs from what the channel held (ingress/ChangedFields).
alter table product_link add column reported_values jsonb not null default '{}';

-- Whether the platform confirmed the push; false while it is in flight, and for good when it failed (it may
-- or may not have changed the platform then).
alter table push_record add column landed boolean not null default false;
update push_record r set landed = true
from product_link l
where l.product_id = r.product_id and l.channel_id = r.channel_id and l.last_pushed_fingerprint = r.fingerprint;
