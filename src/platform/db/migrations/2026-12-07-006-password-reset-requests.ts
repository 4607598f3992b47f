import type { Kysely } from 'kysely';

// "Mot de passe oublié" requests waiting for the worker. The request only records what was typed
// (sealed: the table holds no address in clear) and returns, so that known and unknown addresses
// cost the same; the worker resolves the account, issues the link and queues the email.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_reset_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('sealed_email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    // Rounds that failed on this request; the worker gives up on it after a few (never a loop).
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('password_reset_requests_requested_idx')
    .on('password_reset_requests')
    .column('requested_at')
    .execute();
}
