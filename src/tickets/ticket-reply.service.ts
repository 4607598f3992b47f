import { getAccountById } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { messageIdFor } from '../platform/mail/outbox.ts';
import { assertStaffCan } from '../staff/core/permissions.ts';
import type { StaffUser } from '../staff/core/staff.ts';
import { ticketReplyEmail } from './emails/ticket-reply.email.ts';
import { nextTicketStatus, type TicketMessage } from './ticket.ts';
import { ticketEmailSubject } from './ticket-reference.ts';
import { getTicketByReference, listTicketMessages, lockTicketById } from './tickets.repository.ts';
import { appendTicketMessage } from './tickets.service.ts';

// References is a list of ids; a long thread keeps the first and the latest (RFC 5322 §3.6.4 allows trimming).
const MAX_REFERENCES = 10;

/** The threading headers of our next email on a ticket: answer the last inbound email, cite the chain. */
export function threadingHeaders(messages: readonly TicketMessage[]): Record<string, string> {
  const ids = messages.map((m) => m.rfcMessageId).filter((id): id is string => id !== null);
  const lastInbound = [...messages]
    .reverse()
    .find((m) => m.rfcMessageId && (m.authorType === 'sender' || m.authorType === 'customer'));
  const inReplyTo = lastInbound?.rfcMessageId ?? ids.at(-1);
  if (!inReplyTo) return {};
  const kept = ids.length > MAX_REFERENCES ? [ids[0], ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { 'In-Reply-To': inReplyTo, References: kept.join(' ') };
}

/**
 * Support answers a ticket: the message is kept, the ticket waits for the customer, and the answer
 * is emailed to the requester (for a ticket of an account, at the fiche's current address). The
 * email's Message-ID is stored on the message so the customer's reply threads back to it.
 */
export async function replyToTicket(
  deps: Deps,
  staff: Pick<StaffUser, 'id' | 'role'>,
  reference: string,
  body: string,
  meta: RequestMeta,
): Promise<TicketMessage> {
  assertStaffCan(staff.role, 'tickets.reply');
  const found = await getTicketByReference(deps.db, reference);
  if (!found) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (tx) => {
    const ticket = await lockTicketById(tx, found.id);
    if (!ticket) throw new AppError('NOT_FOUND');
    // A closed ticket is reopened first (status form); answering it silently would hide it from the queue.
    if (!nextTicketStatus(ticket.status, 'staff_reply')) throw new AppError('CONFLICT');
    const account = ticket.accountId ? await getAccountById(tx, ticket.accountId) : null;
    const to = ticket.channel === 'portal' && account ? account.email : ticket.requesterEmail;
    const headers = threadingHeaders(await listTicketMessages(tx, ticket.id));
    const rendered = ticketReplyEmail.render(
      {
        subject: ticketEmailSubject(ticket.reference, ticket.subject),
        reference: ticket.reference,
        body,
        threadUrl: account
          ? new URL(`/support/${encodeURIComponent(ticket.reference)}`, deps.config.publicUrl).toString()
          : null,
      },
      account?.locale ?? 'fr',
    );
    const { id: outboxId } = await enqueueEmail(tx, deps, {
      to,
      accountId: ticket.accountId,
      kind: 'ticket-reply',
      rendered,
      headers: { ...headers, 'Reply-To': deps.config.supportEmail },
    });
    const now = deps.clock.now();
    const { message, ticket: replied } = await appendTicketMessage(
      tx,
      now,
      ticket,
      {
        authorType: 'staff',
        authorStaffId: staff.id,
        channel: ticket.channel,
        body,
        rfcMessageId: messageIdFor(outboxId, deps.config.publicUrl),
        inReplyTo: headers['In-Reply-To'] ?? null,
      },
      'staff_reply',
    );
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: ticket.accountId,
      action: 'staff.ticket.replied',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, from: ticket.status, to: replied.status },
    });
    return message;
  });
}
