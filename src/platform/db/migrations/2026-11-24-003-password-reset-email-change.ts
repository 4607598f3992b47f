import type { Kysely } from 'kysely';

// Single-use links sent by email: password reset (30 min) and email change confirmation (24 h).
// Only the SHA-256 of a token is stored. The state lives in timestamps (used_at, invalidated_at)
// so that consuming a token is one compare-and-set UPDATE; expiry is read against the clock.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('invalidated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('password_reset_tokens_account_idx')
    .on('password_reset_tokens')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('email_change_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('new_email_normalized', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('invalidated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('email_change_requests_account_idx')
    .on('email_change_requests')
    .column('account_id')
    .execute();
}
