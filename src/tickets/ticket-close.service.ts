import type { Account } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { applyTicketEvent } from './apply-ticket-event.ts';
import type { Ticket } from './ticket.ts';
import { getTicketByReference, lockTicketById } from './tickets.repository.ts';

export type CustomerCloseResult = { ok: true; ticket: Ticket } | { ok: false; reason: 'already_closed' };

/**
 * « Clore la demande »: the customer closes their own ticket from the portal (the table's
 * `customer_close`, so staff see it closed by the customer). Another account's ticket is NOT_FOUND,
 * like a missing one; a closed ticket stays as it is. Writing again reopens it, as before.
 */
export async function closeTicketAsCustomer(
  deps: Deps,
  account: Pick<Account, 'id'>,
  reference: string,
  meta: RequestMeta,
): Promise<CustomerCloseResult> {
  const found = await getTicketByReference(deps.db, reference);
  if (!found || found.accountId !== account.id) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (tx) => {
    const ticket = await lockTicketById(tx, found.id);
    if (!ticket) throw new AppError('NOT_FOUND');
    const closed = await applyTicketEvent(tx, ticket, 'customer_close', { updated_at: deps.clock.now() });
    if (!closed) return { ok: false, reason: 'already_closed' } as const;
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'ticket.closed_by_customer',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, from: ticket.status },
    });
    return { ok: true, ticket: closed } as const;
  });
}
