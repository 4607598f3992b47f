import { type Kysely, sql } from 'kysely';

// Sésame as an OpenID Provider (src/sso/): the clients the operator registers, the provider's
// state (grants, codes, sessions, tokens, interactions — every instance reads the same rows), its
// signing keys sealed with the master key, and the queue of back-channel logout notices.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oidc_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The client's registered metadata (redirect URIs, auth method…), without its secret.
    .addColumn('metadata', 'jsonb', (c) => c.notNull())
    // Sealed with the master key (oidc-provider compares the secret itself, so it must be readable).
    .addColumn('sealed_secret', 'text')
    .addColumn('first_party', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('oidc_payloads')
    // oidc-provider's model name (Session, Grant, AccessToken, RefreshToken, AuthorizationCode…).
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    // Copied out of the payload so that revocation finds an account's or a grant's rows.
    .addColumn('account_id', 'text')
    .addColumn('client_id', 'text')
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('oidc_payloads_pk', ['model', 'id'])
    .execute();
  await db.schema.createIndex('oidc_payloads_grant_idx').on('oidc_payloads').column('grant_id').execute();
  await db.schema.createIndex('oidc_payloads_account_idx').on('oidc_payloads').column('account_id').execute();
  await db.schema.createIndex('oidc_payloads_uid_idx').on('oidc_payloads').column('uid').execute();
  await db.schema.createIndex('oidc_payloads_expiry_idx').on('oidc_payloads').column('expires_at').execute();

  await db.schema
    .createTable('oidc_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    // The private JWK, sealed with the master key (bound to its kid).
    .addColumn('sealed_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Set when a newer key takes over signing; the key stays published until tokens it signed expire.
    .addColumn('retired_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('oidc_backchannel_logouts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('sid', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX oidc_backchannel_logouts_due_idx ON oidc_backchannel_logouts (next_attempt_at) WHERE status = 'queued'`.execute(
    db,
  );
}
