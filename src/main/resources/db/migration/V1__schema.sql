-- The hub's schema. PostgreSQL only (embedded by default, external in production and tests).

-- Clients (merchants) and their channels mirror sync.clients in config/application.yaml; the hub
-- upserts them at start-up. Credentials never land here: they come from the environment.
create table client (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table channel (
    id           text primary key,
    client_id    text not null references client (id),
    platform     text not null check (platform in ('SHOPIFY', 'WOOCOMMERCE', 'JTL')),
    base_url     text not null,
    shop_domain  text,           -- Shopify: name.myshopify.com, identifies incoming webhooks
    source_url   text,           -- WooCommerce: X-WC-Webhook-Source, identifies incoming webhooks
    location_id  text,           -- Shopify: the location whose stock the hub sets
    enabled      boolean not null default true,
    created_at   timestamptz not null default now()
);
create index channel_client on channel (client_id);

-- One row per sellable unit (one sku). Field names follow the seed's Product model in snake_case.
create table product (
    id                 uuid primary key default gen_random_uuid(),
    client_id          text not null references client (id),
    -- shared (last write wins)
    name               text,
    description        text,
    image_url          text,
    images             jsonb not null default '[]',
    is_active          boolean not null default true,
    -- commerce-owned
    price              numeric(14, 4),
    compare_at_price   numeric(14, 4),
    taxable            boolean not null default true,
    seo_title          text,
    seo_description    text,
    tags               jsonb not null default '[]',
    collections        jsonb not null default '[]',
    categories         jsonb not null default '[]',
    product_type       text,
    vendor             text,
    -- ops-owned
    sku                text,
    gtin               text,
    han                text,
    weight_in_kg       numeric(14, 4),
    height_in_cm       numeric(14, 4),
    length_in_cm       numeric(14, 4),
    width_in_cm        numeric(14, 4),
    packaging_unit     text,
    packaging_qty      integer not null default 1 check (packaging_qty >= 0),
    hazmat             boolean not null default false,
    hazmat_class       text,
    warehouse_notes    text,
    storage_location   text,
    min_stock_level    integer not null default 0 check (min_stock_level >= 0),
    reorder_point      integer not null default 0 check (reorder_point >= 0),
    customs_code       text,
    country_of_origin  text,
    manufacturer       text,
    -- stock (only NOLIMITS and JTL write it)
    available          integer not null default 0 check (available >= 0),
    reserved           integer not null default 0 check (reserved >= 0),
    announced          integer not null default 0 check (announced >= 0),
    warehouse_stock    jsonb not null default '{}',   -- per-warehouse breakdown from JTL
    -- sync tracking
    last_updated_by    text not null default 'NOLIMITS',
    last_updated_at    timestamptz not null default now(),
    last_synced_at     timestamptz,
    sync_status        text not null default 'PENDING'
                       check (sync_status in ('SYNCED', 'PENDING', 'CONFLICT', 'ERROR')),
    sync_checksum      text,            -- sha-256 of the synced field values
    field_ownership    jsonb not null default '{}',   -- per-product group overrides: field -> group
    last_field_updates jsonb not null default '{}',   -- field -> {origin, at}: each field's last write
    jtl_product_id     text,
    jtl_sync_status    text not null default 'PENDING'
                       check (jtl_sync_status in ('SYNCED', 'PENDING', 'CONFLICT', 'ERROR')),
    version            bigint not null default 0,     -- optimistic lock, +1 on every write
    created_at         timestamptz not null default now()
);
create unique index product_client_sku on product (client_id, sku) where sku is not null;
create index product_client_status on product (client_id, sync_status);

-- A hub product's identity on one channel, with what the hub last pushed there (echo detection).
create table product_link (
    id                        bigserial primary key,
    product_id                uuid not null references product (id),
    channel_id                text not null references channel (id),
    external_id               text,    -- Shopify variant id, WooCommerce product/variation id, JTL jfsku
    external_parent_id        text,    -- Shopify product id, WooCommerce parent of a variation
    inventory_item_id         text,    -- Shopify inventory item (stock and inventory_levels/update)
    platform_data             jsonb not null default '{}',
    sync_status               text not null default 'PENDING'
                              check (sync_status in ('SYNCED', 'PENDING', 'CONFLICT', 'ERROR', 'DELETED')),
    last_pushed_fingerprint   text,
    last_pushed_version       text,    -- the platform's updated_at/version after our last push
    last_pushed_at            timestamptz,
    last_error                text,
    deleted_at                timestamptz,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    unique (product_id, channel_id)
);
create unique index product_link_external on product_link (channel_id, external_id) where external_id is not null;
create index product_link_inventory_item on product_link (channel_id, inventory_item_id) where inventory_item_id is not null;

-- The audit trail: every accepted change, ignored field, conflict and push.
create table sync_log (
    id               bigserial primary key,
    product_id       uuid not null references product (id),
    client_id        text not null references client (id),
    action           text not null,   -- create, update, ignore, conflict, push, resolve, delete
    origin           text not null,
    target_platform  text,            -- shopify, woocommerce, jtl (pushes), null for hub writes
    channel_id       text,
    changed_fields   text[] not null default '{}',
    old_values       jsonb,
    new_values       jsonb,
    success          boolean not null,
    error_message    text,
    created_at       timestamptz not null default now()
);
create index sync_log_product on sync_log (product_id, id desc);

-- Same field written from two origins inside the conflict window.
create table sync_conflict (
    id              bigserial primary key,
    product_id      uuid not null references product (id),
    client_id       text not null references client (id),
    field           text not null,
    local_value     jsonb,           -- the No-Limits side (or the value the hub held)
    local_origin    text not null,
    local_at        timestamptz not null,
    remote_value    jsonb,           -- the platform side (or the incoming value)
    remote_origin   text not null,
    remote_at       timestamptz not null,
    status          text not null check (status in ('OPEN', 'AUTO_RESOLVED', 'RESOLVED')),
    resolution      text,            -- rule name when auto-resolved; accept_local, accept_remote, merge
    resolved_value  jsonb,
    resolved_at     timestamptz,
    created_at      timestamptz not null default now()
);
create index sync_conflict_open on sync_conflict (client_id, product_id) where status = 'OPEN';

-- Jobs: one queued push of one product to one channel (the transactional outbox).
create table sync_job (
    id                bigserial primary key,
    product_id        uuid not null references product (id),
    channel_id        text not null references channel (id),
    client_id         text not null references client (id),
    operation         text not null,   -- push_to_shopify, push_to_woocommerce, push_to_jtl
    fields            text[] not null default '{}',   -- what changed; a push always sends current state
    correction        boolean not null default false, -- pushes owned values back to a drifting origin
    priority          integer not null default 0,
    trigger_origin    text not null,
    trigger_event_id  text,
    status            text not null default 'pending'
                      check (status in ('pending', 'processing', 'completed', 'failed', 'skipped')),
    attempts          integer not null default 0,
    max_attempts      integer not null default 3,
    scheduled_for     timestamptz not null default now(),
    locked_until      timestamptz,     -- lease of the instance processing it
    last_error        text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    completed_at      timestamptz
);
-- Pending jobs of one product and channel coalesce into one.
create unique index sync_job_one_pending on sync_job (product_id, channel_id) where status = 'pending';
create index sync_job_due on sync_job (scheduled_for, priority desc) where status = 'pending';
create index sync_job_product on sync_job (product_id, id desc);

-- Camel's JDBC idempotent repository (JdbcMessageIdRepository); unquoted names, as Camel writes them.
create table camel_messageprocessed (
    processorname  varchar(255) not null,
    messageid      varchar(512) not null,
    createdat      timestamp not null default now(),
    primary key (processorname, messageid)
);
