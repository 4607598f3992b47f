import type { Kysely } from 'kysely';

// Admins add staff from the back office: the new member gets a one-time enrolment link and sets
// their own password and TOTP, so until they do, the row has no usable factor. totp_enrolled_at
// becomes nullable (null: not enrolled yet; the sign-in refuses such a member). The link's pending
// TOTP secret lives on the link's row, sealed with the master key, until the member proves it.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff_users')
    .alterColumn('totp_enrolled_at', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .createTable('staff_enrolment_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sealed_totp_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('invalidated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('staff_enrolment_tokens_staff_user_id_idx')
    .on('staff_enrolment_tokens')
    .column('staff_user_id')
    .execute();
}
