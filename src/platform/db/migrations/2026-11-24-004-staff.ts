import { type Kysely, sql } from 'kysely';

// Staff users and their sessions live apart from customers: a staff session can never be mistaken
// for a customer one, and the two tables can carry different rules (TOTP, shorter timeouts).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('agent', 'supervisor', 'admin')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    // Sealed with the master key when one is configured; never shown again after enrolment.
    .addColumn('totp_secret', 'text', (c) => c.notNull())
    .addColumn('totp_enrolled_at', 'timestamptz', (c) => c.notNull())
    // The last accepted TOTP time step: a code is refused unless its step is later (single use).
    .addColumn('totp_last_step', 'integer')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('staff_sessions_staff_user_id_idx')
    .on('staff_sessions')
    .column('staff_user_id')
    .execute();

  // The audit view filters by actor and by action over the whole log.
  await db.schema
    .createIndex('audit_events_actor_idx')
    .on('audit_events')
    .columns(['actor_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_events_action_idx')
    .on('audit_events')
    .columns(['action', 'seq'])
    .execute();
}
