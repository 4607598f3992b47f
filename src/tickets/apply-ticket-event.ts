import type { Tx } from '../platform/db/database.ts';
import { nextTicketStatus, type Ticket, type TicketEvent } from './ticket.ts';
import { type TicketChanges, transitionTicket } from './tickets.repository.ts';

/**
 * The single way to change a ticket's status: the next status comes from the transition table
 * (ticket.ts, diagram in ticket.md), saved with a compare-and-set on the status the caller locked.
 * `changes` are the other fields that move with it (activity dates, flags). Null when the table has
 * no `event` from the ticket's status, or when the ticket was no longer in it: nothing is written.
 * @example await applyTicketEvent(tx, locked, 'close', { updated_at: now });
 */
export async function applyTicketEvent(
  tx: Tx,
  lockedTicket: Pick<Ticket, 'id' | 'status'>,
  event: TicketEvent,
  changes: TicketChanges,
): Promise<Ticket | null> {
  const next = nextTicketStatus(lockedTicket.status, event);
  if (next === null) return null;
  // Who closed it, so staff see a ticket the customer closed themselves (« Clos par le client »).
  const closedBy = next === 'closed' ? (event === 'customer_close' ? 'customer' : 'staff') : null;
  return transitionTicket(tx, lockedTicket.id, lockedTicket.status, next, changes, closedBy);
}
