-- Each rate-limited channel's API budget as one token bucket that every hub instance spends from
-- (store/ChannelBudgetStore): N instances together stay within the platform's limit. The bucket refills
-- by the database's clock, so no instance's clock matters.
create table channel_budget (
    channel_id   text primary key,
    available    double precision not null,   -- points left at refilled_at
    size         double precision not null,   -- the bucket's size and restore rate, as last configured
    per_second   double precision not null,
    last_cost    double precision not null default 1,   -- the cost of the last call: what "a call" costs
    refilled_at  timestamptz not null default clock_timestamp()
);
