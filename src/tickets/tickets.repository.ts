import type { Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { TicketMessageRow, TicketRow, TicketsTable } from '../platform/db/schema.ts';
import type { Ticket, TicketMessage, TicketStatus } from './ticket.ts';

/** All SQL of tickets and their messages. Attachments are in ticket-attachments.repository.ts. */

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    reference: row.reference,
    accountId: row.account_id,
    channel: row.channel,
    category: row.category,
    subject: row.subject,
    status: row.status,
    requesterEmail: row.requester_email,
    requesterName: row.requester_name,
    senderVerified: row.sender_verified,
    verification: row.verification,
    sensitive: row.sensitive,
    actionable: row.actionable,
    serviceId: row.service_id,
    assignedStaffId: row.assigned_staff_id,
    closedBy: row.closed_by ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
  };
}

function toTicketMessage(row: TicketMessageRow): TicketMessage {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    authorType: row.author_type,
    authorStaffId: row.author_staff_id,
    channel: row.channel,
    body: row.body,
    rfcMessageId: row.rfc_message_id,
    inReplyTo: row.in_reply_to,
    fromAddress: row.from_address,
    senderVerified: row.sender_verified,
    verification: row.verification,
    createdAt: row.created_at,
  };
}

export type NewTicket = Omit<
  Ticket,
  'status' | 'updatedAt' | 'lastMessageAt' | 'assignedStaffId' | 'closedBy'
>;

export async function insertTicket(tx: Tx, t: NewTicket): Promise<Ticket> {
  const row = await tx
    .insertInto('tickets')
    .values({
      id: t.id,
      reference: t.reference,
      account_id: t.accountId,
      channel: t.channel,
      category: t.category,
      subject: t.subject,
      status: 'open',
      requester_email: t.requesterEmail,
      requester_name: t.requesterName,
      sender_verified: t.senderVerified,
      verification: t.verification,
      sensitive: t.sensitive,
      actionable: t.actionable,
      service_id: t.serviceId,
      assigned_staff_id: null,
      created_at: t.createdAt,
      updated_at: t.createdAt,
      last_message_at: t.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTicket(row);
}

export async function insertTicketMessage(tx: Tx, m: TicketMessage): Promise<TicketMessage> {
  const row = await tx
    .insertInto('ticket_messages')
    .values({
      id: m.id,
      ticket_id: m.ticketId,
      author_type: m.authorType,
      author_staff_id: m.authorStaffId,
      channel: m.channel,
      body: m.body,
      rfc_message_id: m.rfcMessageId,
      in_reply_to: m.inReplyTo,
      from_address: m.fromAddress,
      sender_verified: m.senderVerified,
      verification: m.verification,
      created_at: m.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTicketMessage(row);
}

export async function getTicketByReference(db: DbOrTx, reference: string): Promise<Ticket | null> {
  const row = await db
    .selectFrom('tickets')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row ? toTicket(row) : null;
}

export async function lockTicketById(tx: Tx, id: string): Promise<Ticket | null> {
  const row = await tx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toTicket(row) : null;
}

/** The ticket one of whose messages has this RFC 5322 Message-ID (for In-Reply-To / References threading). */
export async function getTicketByRfcMessageId(
  db: DbOrTx,
  rfcMessageIds: readonly string[],
): Promise<Ticket | null> {
  if (rfcMessageIds.length === 0) return null;
  const row = await db
    .selectFrom('tickets')
    .innerJoin('ticket_messages', 'ticket_messages.ticket_id', 'tickets.id')
    .selectAll('tickets')
    .where('ticket_messages.rfc_message_id', 'in', [...rfcMessageIds])
    .orderBy('ticket_messages.created_at', 'desc')
    .orderBy('ticket_messages.seq', 'desc')
    .executeTakeFirst();
  return row ? toTicket(row) : null;
}

/** True when a message with this Message-ID was already taken in (a redelivered email is not a new message). */
export async function ticketMessageExists(db: DbOrTx, rfcMessageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_messages')
    .select('id')
    .where('rfc_message_id', '=', rfcMessageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Fields other than the status, which only apply-ticket-event.ts changes (through the table). */
export type TicketChanges = Omit<
  Updateable<TicketsTable>,
  'id' | 'reference' | 'created_at' | 'status' | 'closed_by'
>;

/**
 * Moves the ticket from `from` to `to` with `changes`, compare-and-set on the status; null when the
 * ticket was no longer in `from`. Only apply-ticket-event.ts calls it, with `to` from the table.
 */
export async function transitionTicket(
  tx: Tx,
  id: string,
  from: TicketStatus,
  to: TicketStatus,
  changes: TicketChanges,
  closedBy: Ticket['closedBy'] = null,
): Promise<Ticket | null> {
  const row = await tx
    .updateTable('tickets')
    // Who closed it moves with the status: set on the way to closed, cleared on the way out.
    .set({ ...changes, status: to, closed_by: closedBy })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  return row ? toTicket(row) : null;
}

export async function updateTicket(tx: Tx, id: string, changes: TicketChanges): Promise<Ticket> {
  const row = await tx
    .updateTable('tickets')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTicket(row);
}

/** Tickets of one account, most recent activity first. */
export async function listTicketsByAccount(db: DbOrTx, accountId: string, limit = 100): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('last_message_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toTicket);
}

/** An account's tickets not yet closed, most recent activity first (the staff account page). */
export async function listOpenTicketsByAccount(db: DbOrTx, accountId: string, limit = 50): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '!=', 'closed')
    .orderBy('last_message_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toTicket);
}

/** The staff queue: by status (all when empty), oldest activity first for open work. */
export async function listTickets(
  db: DbOrTx,
  filters: { statuses?: readonly TicketStatus[]; assignedStaffId?: string; channel?: Ticket['channel'] },
  limit = 200,
): Promise<Ticket[]> {
  let query = db.selectFrom('tickets').selectAll();
  if (filters.statuses?.length) query = query.where('status', 'in', [...filters.statuses]);
  if (filters.assignedStaffId) query = query.where('assigned_staff_id', '=', filters.assignedStaffId);
  if (filters.channel) query = query.where('channel', '=', filters.channel);
  const rows = await query.orderBy('last_message_at', 'asc').limit(limit).execute();
  return rows.map(toTicket);
}

export async function listTicketMessages(db: DbOrTx, ticketId: string): Promise<TicketMessage[]> {
  const rows = await db
    .selectFrom('ticket_messages')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'asc')
    .orderBy('seq', 'asc')
    .execute();
  return rows.map(toTicketMessage);
}
