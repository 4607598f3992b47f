import { z } from 'zod';
import type { Ticket, TicketMessage } from './ticket.ts';

/** What the customer's API shows of a ticket: never staff ids nor how support checked a sender. */

export const portalTicketSummary = z.object({
  reference: z.string(),
  subject: z.string(),
  category: z.string(),
  status: z.string(),
  channel: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
});

export const portalTicketThread = portalTicketSummary.extend({
  messages: z.array(
    z.object({ author: z.enum(['vous', 'support']), body: z.string(), createdAt: z.string() }),
  ),
});

export function presentPortalTicket(ticket: Ticket): z.output<typeof portalTicketSummary> {
  return {
    reference: ticket.reference,
    subject: ticket.subject,
    category: ticket.category,
    status: ticket.status,
    channel: ticket.channel,
    createdAt: ticket.createdAt.toISOString(),
    lastMessageAt: ticket.lastMessageAt.toISOString(),
  };
}

/** Who wrote a message, as the customer reads it: themselves or support. */
export function portalAuthor(message: TicketMessage): 'vous' | 'support' {
  return message.authorType === 'customer' || message.authorType === 'sender' ? 'vous' : 'support';
}

export function presentPortalThread(
  ticket: Ticket,
  messages: TicketMessage[],
): z.output<typeof portalTicketThread> {
  return {
    ...presentPortalTicket(ticket),
    messages: messages.map((m) => ({
      author: portalAuthor(m),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
