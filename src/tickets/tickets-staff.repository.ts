import type { DbOrTx } from '../platform/db/database.ts';
import type { TicketAttachment } from './ticket.ts';

/** Reads of the staff desk that the shared tickets repository does not have. */

/** Attachment metadata of a ticket (never the storage key nor the wrapped key), oldest first. */
export async function listTicketAttachmentMetadata(
  db: DbOrTx,
  ticketId: string,
): Promise<TicketAttachment[]> {
  const rows = await db
    .selectFrom('ticket_attachments')
    .select([
      'id',
      'ticket_id',
      'message_id',
      'original_name',
      'media_type',
      'size',
      'scan_status',
      'created_at',
    ])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticket_id,
    messageId: row.message_id,
    originalName: row.original_name,
    mediaType: row.media_type,
    size: row.size,
    scanStatus: row.scan_status,
    createdAt: row.created_at,
  }));
}

/** Client numbers of the given accounts, by account id (for the queue's account column). */
export async function getClientNumbersByAccountIds(
  db: DbOrTx,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'client_number'])
    .where('id', 'in', [...accountIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.client_number]));
}
