import { type Kysely, sql } from 'kysely';

// Services and domains owned by an account, and the admin API's bearer tokens.
// Written against Kysely<any> like every migration: it must keep compiling when table types move on.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_services')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('hosting', 'domain')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('panel_username', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // A panel user belongs to a hosting plan; a domain never carries one.
    .addCheckConstraint(
      'account_services_panel_user_hosting_only',
      sql`kind = 'hosting' OR panel_username IS NULL`,
    )
    .execute();
  await db.schema
    .createIndex('account_services_account_id_idx')
    .on('account_services')
    .column('account_id')
    .execute();
  // A domain has one holder: two accounts claiming the same domain would make it useless as
  // proof of ownership in a recovery case. Hosting plan names ("Hébergement Perso") repeat freely.
  await db.schema
    .createIndex('account_services_domain_name_key')
    .on('account_services')
    .columns(['kind', 'name'])
    .unique()
    .where(sql.ref('kind'), '=', 'domain')
    .execute();

  await db.schema
    .createTable('api_tokens')
    // The public half of the token (`ses_<id>_<secret>`): lookup by id, then a constant-time hash check.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}
