import { type Kysely, sql } from 'kysely';

// The transactional outbox: an email is a row written in the same transaction as the change
// that causes it, and a worker delivers it later. So a crash or an SMTP outage loses none.
//
// queued ──claim──▶ sending ──▶ sent (body scrubbed)
//   ▲                  │ failure: back to queued with a later next_attempt_at, or abandoned
//   └──lease expired───┘ (a worker died between claim and send: next_attempt_at is the lease end)
//
// The body (subject, text, HTML, headers) is sealed with the master key: it may carry a reset
// link, and blanking it after delivery would leave old row versions in the table and the WAL
// until vacuum. Recipient and kind stay in clear for operations; they carry no secret.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sealed_message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('queued', 'sending', 'sent', 'abandoned')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // Who holds a 'sending' row: a fresh id per claim, so a worker whose lease was taken over
    // cannot overwrite the new holder's outcome.
    .addColumn('claim_id', 'uuid')
    .addColumn('claimed_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .execute();
  // The worker's only query: due rows among those still to deliver. Sent and abandoned rows,
  // the bulk of the table, stay out of the index.
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .column('next_attempt_at')
    .where(sql.ref('status'), 'in', ['queued', 'sending'])
    .execute();
  await db.schema.createIndex('email_outbox_account_idx').on('email_outbox').column('account_id').execute();
}
