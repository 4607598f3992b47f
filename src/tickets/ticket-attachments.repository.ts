import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { TicketAttachmentsTable } from '../platform/db/schema.ts';
import type { TicketAttachment } from './ticket.ts';

/** All SQL of the files attached to emailed ticket messages (stored encrypted like recovery documents). */

export type NewTicketAttachment = TicketAttachment & { storageKey: string; wrappedKey: string };

type TicketAttachmentRow = Selectable<TicketAttachmentsTable>;

function toTicketAttachment(row: TicketAttachmentRow): TicketAttachment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    messageId: row.message_id,
    originalName: row.original_name,
    mediaType: row.media_type,
    size: row.size,
    scanStatus: row.scan_status,
    createdAt: row.created_at,
  };
}

export async function insertTicketAttachment(tx: Tx, a: NewTicketAttachment): Promise<TicketAttachment> {
  const row = await tx
    .insertInto('ticket_attachments')
    .values({
      id: a.id,
      ticket_id: a.ticketId,
      message_id: a.messageId,
      original_name: a.originalName,
      media_type: a.mediaType,
      size: a.size,
      scan_status: a.scanStatus,
      storage_key: a.storageKey,
      wrapped_key: a.wrappedKey,
      created_at: a.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTicketAttachment(row);
}

export async function listTicketAttachments(db: DbOrTx, ticketId: string): Promise<TicketAttachment[]> {
  const rows = await db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map(toTicketAttachment);
}

/** One attachment with what it takes to decrypt it (for the staff download). */
export async function getTicketAttachmentForReading(
  db: DbOrTx,
  ticketId: string,
  id: string,
): Promise<(TicketAttachment & { storageKey: string | null; wrappedKey: string | null }) | null> {
  const row = await db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { ...toTicketAttachment(row), storageKey: row.storage_key, wrappedKey: row.wrapped_key }
    : null;
}
