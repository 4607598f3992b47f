/**
 * Support tickets: the types and pure rules. A ticket is `open` (support's turn), `waiting_customer`
 * (support answered) or `closed`; a message from the customer reopens it. The lifecycle is the table
 * below (diagram in ticket.md); apply-ticket-event.ts is the only code that changes a ticket's status.
 */

export const ticketChannels = ['portal', 'email'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketCategories = ['general', 'access', 'billing', 'sensitive'] as const;
export type TicketCategory = (typeof ticketCategories)[number];

export const ticketStatuses = ['open', 'waiting_customer', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketEvents = [
  'customer_message',
  'staff_reply',
  'await_customer',
  'close',
  'reopen',
  'customer_close',
] as const;
export type TicketEvent = (typeof ticketEvents)[number];

/** The one table of allowed transitions. */
export const ticketTransitions: Readonly<Record<TicketStatus, Partial<Record<TicketEvent, TicketStatus>>>> = {
  open: {
    customer_message: 'open',
    staff_reply: 'waiting_customer',
    await_customer: 'waiting_customer',
    close: 'closed',
    customer_close: 'closed',
  },
  waiting_customer: {
    customer_message: 'open',
    staff_reply: 'waiting_customer',
    reopen: 'open',
    close: 'closed',
    customer_close: 'closed',
  },
  // A closed ticket is reopened before anything else: nobody answers a ticket the queue does not show.
  closed: { customer_message: 'open', reopen: 'open' },
};

export function nextTicketStatus(status: TicketStatus, event: TicketEvent): TicketStatus | null {
  return ticketTransitions[status][event] ?? null;
}

/** The events a staff member makes by choosing a status on the ticket (the status form). */
export const staffStatusEvents = [
  'await_customer',
  'close',
  'reopen',
] as const satisfies readonly TicketEvent[];

/** The staff event that takes a ticket from `from` to `to`, or null when the table has none. */
export function staffStatusEvent(from: TicketStatus, to: TicketStatus): TicketEvent | null {
  return staffStatusEvents.find((event) => nextTicketStatus(from, event) === to) ?? null;
}

/** The statuses a staff member may choose from `from`, `from` itself first (the form's list). */
export function staffStatusChoices(from: TicketStatus): TicketStatus[] {
  return [from, ...ticketStatuses.filter((to) => to !== from && staffStatusEvent(from, to) !== null)];
}

/**
 * Why a sender is or is not verified. Verified only with `portal` (signed in) or `dmarc_pass`
 * (the From address is the email on a fiche AND DMARC passes for its domain).
 */
export const senderVerifications = [
  'portal',
  'dmarc_pass',
  // The From address is on no fiche.
  'no_fiche',
  // DMARC failed, or the domain publishes no DMARC policy we could check.
  'dmarc_fail',
  'dmarc_none',
  // DNS could not be reached (temporary error): never a pass.
  'dmarc_temperror',
  // INBOUND_AUTHSERV_ID is set but the message carries no Authentication-Results from that host.
  'no_trusted_results',
] as const;
export type SenderVerification = (typeof senderVerifications)[number];

export type Ticket = {
  id: string;
  reference: string;
  accountId: string | null;
  channel: TicketChannel;
  category: TicketCategory;
  subject: string;
  status: TicketStatus;
  requesterEmail: string;
  requesterName: string | null;
  senderVerified: boolean;
  verification: SenderVerification | string;
  sensitive: boolean;
  actionable: boolean;
  serviceId: string | null;
  assignedStaffId: string | null;
  /** Who closed it, while closed (null for a ticket closed before this was recorded). */
  closedBy: 'customer' | 'staff' | null;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date;
};

export type TicketMessage = {
  id: string;
  ticketId: string;
  authorType: 'customer' | 'staff' | 'sender' | 'system';
  authorStaffId: string | null;
  channel: TicketChannel;
  body: string;
  rfcMessageId: string | null;
  inReplyTo: string | null;
  fromAddress: string | null;
  senderVerified: boolean | null;
  verification: string | null;
  createdAt: Date;
};

export type TicketAttachment = {
  id: string;
  ticketId: string;
  messageId: string;
  originalName: string | null;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  scanStatus: 'clean' | 'not_scanned';
  createdAt: Date;
};

/** A sensitive request is acted upon only when its sender is verified. */
export function isTicketActionable(ticket: { sensitive: boolean; senderVerified: boolean }): boolean {
  return !ticket.sensitive || ticket.senderVerified;
}
