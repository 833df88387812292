-- Change events for other systems: a transactional outbox. Each write that changes a hub product
-- (create, update, delete, resolve, conflict) adds a row here in the same transaction as its sync log
-- entry (store/ChangeEventStore); routes/change-events.yaml publishes the rows to
-- sync.change-events.uri (a Kafka topic in cluster mode) and deletes them in one transaction.
create table change_event (
    id              bigserial primary key,
    product_id      uuid not null,
    client_id       text not null,
    action          text not null,
    origin          text not null,
    channel_id      text,             -- the channel the change came from, if any
    changed_fields  text[] not null,
    new_values      jsonb,
    created_at      timestamptz not null default now()
);
