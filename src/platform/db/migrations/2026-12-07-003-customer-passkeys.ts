import { type Kysely, sql } from 'kysely';

// Passkeys (WebAuthn credentials) of customers, the single-use challenges of their ceremonies
// (stored server-side, short-lived), and the date from which a customer must have a second factor
// when the operator requires one (MFA_REQUIRED with its grace period).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_passkeys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // base64url, as the browser sends it; unique across accounts (one authenticator, one credential).
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('sign_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'boolean', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('customer_passkeys_account_idx')
    .on('customer_passkeys')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('challenge', 'text', (c) => c.notNull().unique())
    // 'registration' | 'second_factor' | 'passwordless'
    .addColumn('purpose', 'text', (c) => c.notNull())
    // The account the ceremony is for; null for a password-less sign-in (the credential says who).
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await sql`ALTER TABLE accounts ADD COLUMN mfa_enrolment_deadline timestamptz`.execute(db);
}
