import { type Kysely, sql } from 'kysely';

// A customer's second factor: one TOTP authenticator (its secret sealed with the master key, the
// last accepted time step for compare-and-set single use), ten recovery codes (SHA-256 only), the
// pending sign-in between password and factor (a short-lived token, not a session), and how each
// session was authenticated.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_totp')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('sealed_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Null while enrolment awaits its confirmation code: an unconfirmed secret is not a factor.
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_step', 'integer')
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('recovery_codes_account_idx')
    .on('recovery_codes')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('mfa_pending_sign_ins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await sql`ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password'`.execute(db);
}
