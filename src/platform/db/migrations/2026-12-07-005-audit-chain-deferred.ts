import { type Kysely, sql } from 'kysely';

// Audit events are no longer chained by the request that writes them (that took one advisory lock
// shared by every request, held until commit): the request inserts the event unchained, and the
// chainer (src/audit/audit-chain.service.ts) links committed events into the chain within seconds.
// `chain_position` is the event's place in the chain, null until the chainer links it; prev_hash and
// hash are filled at the same moment.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_events')
    .addColumn('chain_position', 'bigint', (c) => c.unique())
    .execute();
  await db.schema
    .alterTable('audit_events')
    .alterColumn('prev_hash', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('audit_events')
    .alterColumn('hash', (c) => c.dropNotNull())
    .execute();

  // Every existing row was chained in seq order: its position is its seq (gaps are harmless, the
  // chain is walked in position order and checked by its links). The append-only trigger refuses
  // this UPDATE, so it is lifted for this one statement, inside the migration's transaction.
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`.execute(db);
  await sql`UPDATE audit_events SET chain_position = seq`.execute(db);
  await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`.execute(db);

  // A chained row has both hashes. An unchained row has none, except one inserted by an instance
  // still running the previous release during a rolling upgrade (it chained at insert, by seq): the
  // chainer replaces those hashes like nulls, so such a write is accepted and chained, not lost.
  await sql`
    ALTER TABLE audit_events ADD CONSTRAINT audit_events_chained_whole CHECK (
      chain_position IS NULL OR (prev_hash IS NOT NULL AND hash IS NOT NULL))`.execute(db);
  // What the chainer reads every second: only the few rows waiting, whatever the log's size.
  await sql`CREATE INDEX audit_events_unchained_idx ON audit_events (seq) WHERE chain_position IS NULL`.execute(
    db,
  );

  // Still append-only, with one exception: the chainer's single UPDATE of an unchained row, which sets
  // its chain columns and leaves every other column as it was. Re-chaining a chained row, or
  // touching any recorded fact, is refused as before.
  await sql`
    CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
        AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL
        AND (to_jsonb(NEW) - 'chain_position' - 'prev_hash' - 'hash')
          = (to_jsonb(OLD) - 'chain_position' - 'prev_hash' - 'hash')
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only';
    END;
    $$`.execute(db);
}
