import type { Account } from '../accounts/account.ts';
import { getAccountById } from '../accounts/accounts.repository.ts';
import type { AccountService } from '../accounts/service.ts';
import { listServicesByAccount } from '../accounts/services.repository.ts';
import { getTicketService } from '../accounts/services.service.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, tooManyRequests, validationError } from '../platform/http/errors.ts';
import { consumeThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import type { Ticket, TicketMessage } from './ticket.ts';
import { sendTicketAcknowledgement } from './ticket-acknowledgement.ts';
import {
  getTicketByReference,
  listTicketMessages,
  listTicketsByAccount,
  lockTicketById,
} from './tickets.repository.ts';
import { appendTicketMessage, openTicket } from './tickets.service.ts';
import type { NewTicketBody } from './tickets-portal.schemas.ts';

const HOUR = 3_600_000;

/** Opening tickets is cheap for us but fills support's queue: 20 an hour per account, then an hour's wait. */
function ticketCreationThrottleKey(accountId: string) {
  return {
    key: `ticket-create:account:${accountId}`,
    policy: { freeFailures: 19, baseDelayMs: HOUR, maxDelayMs: HOUR, windowMs: HOUR },
  };
}

/** The signed-in customer's tickets, most recent activity first. */
export function listMyTickets(deps: Deps, account: Account): Promise<Ticket[]> {
  return listTicketsByAccount(deps.db, account.id);
}

/** The services the customer may name on a ticket (the form's choices). */
export function listMyServices(deps: Deps, account: Account): Promise<AccountService[]> {
  return listServicesByAccount(deps.db, account.id);
}

/**
 * A portal ticket: the sender is signed in, so verified by construction; an acknowledgement goes to
 * the fiche's address. The service, if named,
 * must be one of the account's own (another account's id is refused like a malformed one).
 */
export async function createPortalTicket(
  deps: Deps,
  account: Account,
  input: NewTicketBody,
  meta: RequestMeta,
): Promise<Ticket> {
  if (input.serviceId) {
    const services = await listServicesByAccount(deps.db, account.id);
    if (!services.some((s) => s.id === input.serviceId))
      throw validationError([{ field: 'serviceId', code: 'ticket_service' }]);
  }
  // Checked and counted in one locked step: a parallel burst cannot open more than the allowance.
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, [ticketCreationThrottleKey(account.id)]);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);
  return deps.db.transaction().execute(async (tx) => {
    // The address on the fiche right now: a later email change does not rewrite old tickets.
    const current = (await getAccountById(tx, account.id)) ?? account;
    const { ticket } = await openTicket(
      tx,
      deps,
      {
        accountId: account.id,
        channel: 'portal',
        category: input.category,
        subject: input.subject,
        body: input.body,
        requesterEmail: current.email,
        requesterName: null,
        serviceId: input.serviceId ?? null,
        senderVerified: true,
        verification: 'portal',
      },
      { type: 'customer', id: account.id, meta },
    );
    // « Nous avons bien reçu votre demande », to the fiche's address, with the ticket.
    await sendTicketAcknowledgement(tx, deps, ticket, current);
    return ticket;
  });
}

/** One of the customer's own tickets; another account's ticket is NOT_FOUND, exactly like a missing one. */
async function getOwnTicket(deps: Deps, account: Account, reference: string): Promise<Ticket> {
  const ticket = await getTicketByReference(deps.db, reference);
  if (!ticket || ticket.accountId !== account.id) throw new AppError('NOT_FOUND');
  return ticket;
}

/** The thread as the customer sees it: messages only (staff ids and sender checks are support's business). */
export async function getMyTicketThread(
  deps: Deps,
  account: Account,
  reference: string,
): Promise<{ ticket: Ticket; messages: TicketMessage[]; service: AccountService | null }> {
  const ticket = await getOwnTicket(deps, account, reference);
  const [messages, service] = await Promise.all([
    listTicketMessages(deps.db, ticket.id),
    getTicketService(deps, ticket),
  ]);
  // System notes are for support; the customer sees what was written to and by them.
  return { ticket, messages: messages.filter((m) => m.authorType !== 'system'), service };
}

/** The customer answers on the portal: the ticket goes (back) to support, even when it was closed. */
export async function addCustomerMessage(
  deps: Deps,
  account: Account,
  reference: string,
  body: string,
  meta: RequestMeta,
): Promise<TicketMessage> {
  const found = await getOwnTicket(deps, account, reference);
  return deps.db.transaction().execute(async (tx) => {
    const ticket = await lockTicketById(tx, found.id);
    if (!ticket) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    const { message, ticket: moved } = await appendTicketMessage(
      tx,
      now,
      ticket,
      { authorType: 'customer', channel: 'portal', body },
      'customer_message',
    );
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'ticket.message_added',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, channel: 'portal', from: ticket.status, to: moved.status },
    });
    return message;
  });
}
