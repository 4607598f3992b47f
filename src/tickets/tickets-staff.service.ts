import type { Account } from '../accounts/account.ts';
import { getAccountById } from '../accounts/accounts.repository.ts';
import type { AccountService } from '../accounts/service.ts';
import { getTicketService } from '../accounts/services.service.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { assertStaffCan } from '../staff/core/permissions.ts';
import type { StaffUser } from '../staff/core/staff.ts';
import { getStaffUserById } from '../staff/core/staff-users.repository.ts';
import { sendResetLinkToEmailOnFile } from '../staff/staff-send-reset.service.ts';
import { listStaffNamesById } from '../staff/staff-users.service.ts';
import { applyTicketEvent } from './apply-ticket-event.ts';
import {
  staffStatusEvent,
  type Ticket,
  type TicketAttachment,
  type TicketChannel,
  type TicketMessage,
  type TicketStatus,
} from './ticket.ts';
import { listTicketAttachments } from './ticket-attachments.repository.ts';
import {
  getTicketByReference,
  listTicketMessages,
  listTickets,
  lockTicketById,
  updateTicket,
} from './tickets.repository.ts';
import { getClientNumbersByAccountIds } from './tickets-staff.repository.ts';

type Staff = Pick<StaffUser, 'id' | 'role'>;

export type StaffQueueFilters = { status?: TicketStatus | 'all'; channel?: TicketChannel; assigned?: 'me' };

export type StaffQueueEntry = {
  ticket: Ticket;
  clientNumber: string | null;
  assignedStaffName: string | null;
};

/** The queue: open work by default (open and waiting for the customer), oldest activity first. */
export async function listStaffTicketQueue(
  deps: Deps,
  staff: Staff,
  filters: StaffQueueFilters,
): Promise<StaffQueueEntry[]> {
  assertStaffCan(staff.role, 'tickets.view');
  const statuses: TicketStatus[] | undefined =
    filters.status === 'all' ? undefined : filters.status ? [filters.status] : ['open', 'waiting_customer'];
  const tickets = await listTickets(deps.db, {
    statuses,
    channel: filters.channel,
    assignedStaffId: filters.assigned === 'me' ? staff.id : undefined,
  });
  const accountIds = [...new Set(tickets.map((t) => t.accountId).filter((id): id is string => id !== null))];
  const [clientNumbers, names] = await Promise.all([
    getClientNumbersByAccountIds(deps.db, accountIds),
    staffNames(deps),
  ]);
  return tickets.map((ticket) => ({
    ticket,
    clientNumber: ticket.accountId ? (clientNumbers.get(ticket.accountId) ?? null) : null,
    assignedStaffName: ticket.assignedStaffId ? (names.get(ticket.assignedStaffId) ?? null) : null,
  }));
}

const staffNames = listStaffNamesById;

export type StaffTicketDossier = {
  ticket: Ticket;
  messages: TicketMessage[];
  attachments: TicketAttachment[];
  account: Account | null;
  /** The service the ticket is about, when the customer chose one. */
  service: AccountService | null;
  staffNames: Map<string, string>;
};

/** One ticket with its thread, for support; every opening is audited (the thread may hold personal data). */
export async function getStaffTicketDossier(
  deps: Deps,
  staff: Staff,
  reference: string,
  meta: RequestMeta,
): Promise<StaffTicketDossier> {
  assertStaffCan(staff.role, 'tickets.view');
  const ticket = await getTicketByReference(deps.db, reference);
  if (!ticket) throw new AppError('NOT_FOUND');
  const [messages, attachments, account, service, names] = await Promise.all([
    listTicketMessages(deps.db, ticket.id),
    listTicketAttachments(deps.db, ticket.id),
    ticket.accountId ? getAccountById(deps.db, ticket.accountId) : null,
    getTicketService(deps, ticket),
    staffNames(deps),
  ]);
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: ticket.accountId,
      action: 'staff.ticket.viewed',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference },
    }),
  );
  return { ticket, messages, attachments, account, service, staffNames: names };
}

/**
 * Support sets the status by hand: close, reopen, or mark as waiting for the customer — each an event
 * of the table; a status the table does not lead to from the current one is a CONFLICT.
 */
export async function setTicketStatusAsStaff(
  deps: Deps,
  staff: Staff,
  reference: string,
  status: TicketStatus,
  meta: RequestMeta,
): Promise<Ticket> {
  assertStaffCan(staff.role, 'tickets.reply');
  return withLockedTicket(deps, reference, async (tx, ticket) => {
    if (ticket.status === status) return ticket;
    const event = staffStatusEvent(ticket.status, status);
    const updated = event
      ? await applyTicketEvent(tx, ticket, event, { updated_at: deps.clock.now() })
      : null;
    if (!updated) throw new AppError('CONFLICT');
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: ticket.accountId,
      action: 'staff.ticket.status_changed',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, from: ticket.status, to: updated.status, event },
    });
    return updated;
  });
}

/** Assigns the ticket to a staff member (by default the one asking). */
export async function assignTicketAsStaff(
  deps: Deps,
  staff: Staff,
  reference: string,
  assigneeId: string | undefined,
  meta: RequestMeta,
): Promise<Ticket> {
  assertStaffCan(staff.role, 'tickets.assign');
  const assignee = assigneeId
    ? await getStaffUserById(deps.db, assigneeId)
    : { id: staff.id, disabledAt: null };
  if (!assignee || assignee.disabledAt)
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'staffId', code: 'invalid' }] });
  return withLockedTicket(deps, reference, async (tx, ticket) => {
    const now = deps.clock.now();
    const updated = await updateTicket(tx, ticket.id, { assigned_staff_id: assignee.id, updated_at: now });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: ticket.accountId,
      action: 'staff.ticket.assigned',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, assignee: assignee.id, previous: ticket.assignedStaffId },
    });
    return updated;
  });
}

/**
 * « Envoyer un nouvel accès à l’adresse de la fiche » from a ticket: the ordinary reset link to
 * the email ON FILE of the ticket's account — never to the sender's address. Refused on a ticket
 * without an account and on a sensitive request from an unverified sender (nothing is done for it).
 */
export async function sendNewAccessFromTicket(
  deps: Deps,
  staff: Staff,
  reference: string,
  meta: RequestMeta,
): Promise<void> {
  assertStaffCan(staff.role, 'tickets.view');
  const ticket = await getTicketByReference(deps.db, reference);
  if (!ticket) throw new AppError('NOT_FOUND');
  if (!ticket.accountId || !ticket.actionable) throw new AppError('CONFLICT');
  await sendResetLinkToEmailOnFile(deps, staff, ticket.accountId, meta);
}

async function withLockedTicket<T>(
  deps: Deps,
  reference: string,
  work: (tx: Tx, ticket: Ticket) => Promise<T>,
): Promise<T> {
  const found = await getTicketByReference(deps.db, reference);
  if (!found) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (tx) => {
    const ticket = await lockTicketById(tx, found.id);
    if (!ticket) throw new AppError('NOT_FOUND');
    return work(tx, ticket);
  });
}
