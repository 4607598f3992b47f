import { type Kysely, sql } from 'kysely';

// Support's account search and recovery queue at a provider's size (a million accounts, a hundred
// thousand cases): every branch of the search's OR gets an index, so that PostgreSQL combines them
// (BitmapOr) instead of reading the whole table, and the open queue is read in order from a
// partial index. bench/staff-queries.ts seeds that size and prints the plans.
// - Part of an email or a name: one trigram index (pg_trgm, in PostgreSQL's contrib and loaded
//   into PGlite by embedded-database.ts) over one immutable text per account: the email, both
//   name orders, the company and the association, lower-cased, separated by a control character
//   (U+001F) that a search never contains, so a match never straddles two fields. Only immutable
//   pieces (|| and btrim, not concat_ws, which is only stable), so the index expression is exact.
// - SIREN: a partial btree index (client numbers already have their unique one).
// - created_at: the newest-first order, for a frequent term whose matches are many.
// - A domain's holder by name alone, and the open recovery queue in its order.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`
    CREATE FUNCTION sesame_account_search_text(
      email_normalized text, first_name text, last_name text, legal_name text, association_name text
    ) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
      SELECT lower(
        coalesce(email_normalized, '') || chr(31)
        || btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) || chr(31)
        || btrim(coalesce(last_name, '') || ' ' || coalesce(first_name, '')) || chr(31)
        || coalesce(legal_name, '') || chr(31)
        || coalesce(association_name, '')
      )
    $$`.execute(db);
  await sql`
    CREATE INDEX accounts_search_trgm_idx ON accounts USING gin (
      sesame_account_search_text(email_normalized, first_name, last_name, legal_name, association_name) gin_trgm_ops
    )`.execute(db);
  // The holder of a domain: the unique index on (kind, name) leads with kind, which every domain
  // row shares, so PostgreSQL would walk all of it; by name alone, among domains.
  await sql`CREATE INDEX account_services_domain_idx ON account_services (name) WHERE kind = 'domain'`.execute(
    db,
  );
  await sql`CREATE INDEX accounts_siren_idx ON accounts (siren) WHERE siren IS NOT NULL`.execute(db);
  await sql`CREATE INDEX accounts_created_at_idx ON accounts (created_at)`.execute(db);
  // The open queue (queue.service.ts openQueueStatuses), oldest submission first.
  await sql`
    CREATE INDEX recovery_cases_open_queue_idx ON recovery_cases (submitted_at, created_at)
    WHERE status IN ('submitted', 'in_review', 'approved', 'awaiting_claimant')`.execute(db);
}
