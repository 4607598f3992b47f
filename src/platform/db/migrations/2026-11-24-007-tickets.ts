import { type Kysely, sql } from 'kysely';

// Support tickets from the portal and by email, their messages and attachments. Whether the sender
// is verified, and why, is stored on the ticket and on every inbound message.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('portal', 'email')`))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category IN ('general', 'access', 'billing', 'sensitive')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('open', 'waiting_customer', 'closed')`),
    )
    // Who wrote in: the fiche's address for the portal, the From address for email.
    .addColumn('requester_email', 'text', (c) => c.notNull())
    .addColumn('requester_name', 'text')
    .addColumn('sender_verified', 'boolean', (c) => c.notNull())
    // Why the sender is (not) verified: 'portal', 'dmarc_pass', 'no_fiche', 'dmarc_fail', ...
    .addColumn('verification', 'text', (c) => c.notNull())
    // A request that can affect a website (deletion, termination, transfer, change of holder).
    .addColumn('sensitive', 'boolean', (c) => c.notNull())
    // False for a sensitive request from an unverified sender: kept, never acted upon.
    .addColumn('actionable', 'boolean', (c) => c.notNull())
    .addColumn('service_id', 'uuid', (c) => c.references('account_services.id').onDelete('set null'))
    .addColumn('assigned_staff_id', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tickets_status_idx')
    .on('tickets')
    .columns(['status', 'last_message_at'])
    .execute();
  await db.schema
    .createIndex('tickets_account_idx')
    .on('tickets')
    .columns(['account_id', 'last_message_at'])
    .execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Insertion order: two messages of one instant (same clock tick) still read in the order written.
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_type', 'text', (c) =>
      c.notNull().check(sql`author_type IN ('customer', 'staff', 'sender', 'system')`),
    )
    .addColumn('author_staff_id', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('portal', 'email')`))
    .addColumn('body', 'text', (c) => c.notNull())
    // The RFC 5322 Message-ID of the email (inbound, or the one we gave an outbound reply), for threading.
    .addColumn('rfc_message_id', 'text', (c) => c.unique())
    .addColumn('in_reply_to', 'text')
    .addColumn('from_address', 'text')
    .addColumn('sender_verified', 'boolean')
    .addColumn('verification', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_messages_ticket_idx')
    .on('ticket_messages')
    .columns(['ticket_id', 'created_at'])
    .execute();

  // Attachments of emailed messages: the same checks, encryption and storage as recovery documents.
  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('ticket_messages.id').onDelete('cascade'))
    .addColumn('original_name', 'text')
    .addColumn('media_type', 'text', (c) =>
      c.notNull().check(sql`media_type IN ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('scan_status', 'text', (c) => c.notNull().check(sql`scan_status IN ('clean', 'not_scanned')`))
    .addColumn('storage_key', 'text')
    .addColumn('wrapped_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket_idx')
    .on('ticket_attachments')
    .column('ticket_id')
    .execute();
}
