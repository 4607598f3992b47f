import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { applyTicketEvent } from './apply-ticket-event.ts';
import { isSensitiveRequest } from './sensitive-request.ts';
import {
  isTicketActionable,
  type Ticket,
  type TicketCategory,
  type TicketChannel,
  type TicketMessage,
} from './ticket.ts';
import { createTicketReference } from './ticket-reference.ts';
import { getTicketByReference, insertTicket, insertTicketMessage } from './tickets.repository.ts';

export type NewTicketInput = {
  accountId: string | null;
  channel: TicketChannel;
  category: TicketCategory;
  subject: string;
  body: string;
  requesterEmail: string;
  requesterName: string | null;
  serviceId: string | null;
  senderVerified: boolean;
  verification: string;
  /** The first message's email headers, when it came by email. */
  email?: { rfcMessageId: string | null; inReplyTo: string | null; fromAddress: string };
};

/**
 * Inside the caller's transaction: opens a ticket with its first message, deciding from category
 * and words whether it is sensitive (and so whether it is actionable), and records the audit event.
 * Used by the portal and by email intake.
 */
export async function openTicket(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  input: NewTicketInput,
  actor: { type: 'customer' | 'anonymous'; id: string | null; meta: RequestMeta },
): Promise<{ ticket: Ticket; message: TicketMessage }> {
  const now = deps.clock.now();
  const sensitive = isSensitiveRequest(input);
  const ticketId = crypto.randomUUID();
  // 40 random bits: a clash is rare enough that drawing again after a look-up is all it needs.
  let reference = createTicketReference();
  while (await getTicketByReference(tx, reference)) reference = createTicketReference();
  const ticket = await insertTicket(tx, {
    id: ticketId,
    reference,
    accountId: input.accountId,
    channel: input.channel,
    category: input.category,
    subject: input.subject,
    requesterEmail: input.requesterEmail,
    requesterName: input.requesterName,
    senderVerified: input.senderVerified,
    verification: input.verification,
    sensitive,
    actionable: isTicketActionable({ sensitive, senderVerified: input.senderVerified }),
    serviceId: input.serviceId,
    createdAt: now,
  });
  const message = await insertTicketMessage(tx, {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    authorType: input.channel === 'portal' ? 'customer' : 'sender',
    authorStaffId: null,
    channel: input.channel,
    body: input.body,
    rfcMessageId: input.email?.rfcMessageId ?? null,
    inReplyTo: input.email?.inReplyTo ?? null,
    fromAddress: input.email?.fromAddress ?? null,
    senderVerified: input.channel === 'email' ? input.senderVerified : null,
    verification: input.channel === 'email' ? input.verification : null,
    createdAt: now,
  });
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: actor.type, id: actor.id },
    accountId: ticket.accountId,
    action: 'ticket.created',
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
    details: {
      reference: ticket.reference,
      channel: ticket.channel,
      category: ticket.category,
      sensitive: ticket.sensitive,
      senderVerified: ticket.senderVerified,
      verification: ticket.verification,
      actionable: ticket.actionable,
    },
  });
  return { ticket, message };
}

/**
 * Inside the caller's transaction (the ticket locked): adds a message and applies `event` to the
 * ticket (the table says where it goes), stamping its activity. Fields left out of `message` are empty
 * (a portal message has no email headers). CONFLICT when the table refuses the event (a staff reply to
 * a closed ticket). The caller records its own audit event, which names who wrote.
 */
export async function appendTicketMessage(
  tx: Tx,
  now: Date,
  ticket: Ticket,
  message: Pick<TicketMessage, 'authorType' | 'channel' | 'body'> & Partial<TicketMessage>,
  event: 'customer_message' | 'staff_reply',
): Promise<{ message: TicketMessage; ticket: Ticket }> {
  const moved = await applyTicketEvent(tx, ticket, event, { updated_at: now, last_message_at: now });
  if (!moved) throw new AppError('CONFLICT');
  const written = await insertTicketMessage(tx, {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    authorStaffId: null,
    rfcMessageId: null,
    inReplyTo: null,
    fromAddress: null,
    senderVerified: null,
    verification: null,
    ...message,
    createdAt: now,
  });
  return { message: written, ticket: moved };
}
