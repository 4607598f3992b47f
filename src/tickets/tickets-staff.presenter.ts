import { z } from 'zod';
import type { StaffQueueEntry, StaffTicketDossier } from './tickets-staff.service.ts';

/** The staff API's view of tickets: channel, sender check and its reason, sensitivity, assignment. */

export const staffTicketSummary = z.object({
  reference: z.string(),
  subject: z.string(),
  category: z.string(),
  status: z.string(),
  /** Who closed it, while closed (`customer` from the portal's « Clore la demande »); null otherwise. */
  closedBy: z.enum(['customer', 'staff']).nullable(),
  channel: z.enum(['portal', 'email']),
  senderVerified: z.boolean(),
  verification: z.string(),
  sensitive: z.boolean(),
  actionable: z.boolean(),
  requester: z.object({ email: z.string(), name: z.string().nullable() }),
  account: z.object({ id: z.string(), clientNumber: z.string() }).nullable(),
  assignedStaff: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  serviceId: z.string().nullable(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
});

export const staffTicketDetail = z.object({
  ticket: staffTicketSummary,
  messages: z.array(
    z.object({
      id: z.string(),
      authorType: z.string(),
      authorStaff: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
      channel: z.string(),
      from: z.string().nullable(),
      senderVerified: z.boolean().nullable(),
      verification: z.string().nullable(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      messageId: z.string(),
      originalName: z.string().nullable(),
      mediaType: z.string(),
      size: z.number(),
      scanStatus: z.string(),
    }),
  ),
});

export function presentStaffTicket(entry: StaffQueueEntry): z.output<typeof staffTicketSummary> {
  const { ticket: t } = entry;
  return {
    reference: t.reference,
    subject: t.subject,
    category: t.category,
    status: t.status,
    closedBy: t.closedBy,
    channel: t.channel,
    senderVerified: t.senderVerified,
    verification: t.verification,
    sensitive: t.sensitive,
    actionable: t.actionable,
    requester: { email: t.requesterEmail, name: t.requesterName },
    account: t.accountId && entry.clientNumber ? { id: t.accountId, clientNumber: entry.clientNumber } : null,
    assignedStaff: t.assignedStaffId ? { id: t.assignedStaffId, name: entry.assignedStaffName } : null,
    serviceId: t.serviceId,
    createdAt: t.createdAt.toISOString(),
    lastMessageAt: t.lastMessageAt.toISOString(),
  };
}

export function presentStaffTicketDetail(d: StaffTicketDossier): z.output<typeof staffTicketDetail> {
  const name = (id: string | null) => (id ? (d.staffNames.get(id) ?? null) : null);
  return {
    ticket: presentStaffTicket({
      ticket: d.ticket,
      clientNumber: d.account?.clientNumber ?? null,
      assignedStaffName: name(d.ticket.assignedStaffId),
    }),
    messages: d.messages.map((m) => ({
      id: m.id,
      authorType: m.authorType,
      authorStaff: m.authorStaffId ? { id: m.authorStaffId, name: name(m.authorStaffId) } : null,
      channel: m.channel,
      // Portal messages come from the fiche's address as it was when the ticket was opened.
      from: m.fromAddress ?? (m.authorType === 'customer' ? d.ticket.requesterEmail : null),
      senderVerified: m.senderVerified ?? (m.authorType === 'customer' ? true : null),
      verification: m.verification ?? (m.authorType === 'customer' ? 'portal' : null),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    attachments: d.attachments.map((a) => ({
      id: a.id,
      messageId: a.messageId,
      originalName: a.originalName,
      mediaType: a.mediaType,
      size: a.size,
      scanStatus: a.scanStatus,
    })),
  };
}
