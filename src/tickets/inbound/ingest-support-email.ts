import { randomUUID } from 'node:crypto';
import type { DNSResolver } from 'mailauth';
import { normalizeEmail } from '../../accounts/account.ts';
import { getAccountById } from '../../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../../audit/audit.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { applyTicketEvent } from '../apply-ticket-event.ts';
import { isSensitiveRequest } from '../sensitive-request.ts';
import type { Ticket, TicketMessage } from '../ticket.ts';
import { admitEmailTicketAcknowledgement, sendTicketAcknowledgement } from '../ticket-acknowledgement.ts';
import { findTicketReferenceInSubject } from '../ticket-reference.ts';
import {
  getTicketByReference,
  getTicketByRfcMessageId,
  insertTicketMessage,
  lockTicketById,
  ticketMessageExists,
} from '../tickets.repository.ts';
import { openTicket } from '../tickets.service.ts';
import {
  discardEmailAttachments,
  intakeEmailAttachments,
  saveEmailAttachments,
} from './inbound-attachments.ts';
import { type InboundEmail, parseInboundEmail } from './inbound-email.ts';
import { admitLostAccessRequest, handleLostAccessEmail, isLostAccessRequest } from './lost-access.ts';
import { admitAutoReply, sendSensitiveRequestAnswer } from './sensitive-auto-reply.ts';
import { type SenderCheck, type SmtpEnvelope, verifySender } from './verify-sender.ts';

/**
 * The one entry point for support email, used by the SMTP listener and by `sesame mail ingest`:
 * a new message opens a ticket, a reply from the ticket's requester joins its thread, automatic
 * mail is dropped (never answered: no loops), a redelivered Message-ID is taken only once.
 */

export type IngestResult =
  | { ok: true; outcome: 'created' | 'added' | 'duplicate'; reference: string }
  | { ok: true; outcome: 'dropped'; reference: null }
  | { ok: false; reason: 'too_large' | 'invalid_sender' };

export async function ingestSupportEmail(
  deps: Deps,
  raw: Buffer,
  envelope: SmtpEnvelope = {},
  options: { resolver?: DNSResolver } = {},
): Promise<IngestResult> {
  if (raw.length > deps.config.inboundMaxMessageBytes) return { ok: false, reason: 'too_large' };
  const email = await parseInboundEmail(raw, envelope);
  if (email.automatic) {
    await recordRefusal(deps, email, 'auto_submitted');
    return { ok: true, outcome: 'dropped', reference: null };
  }
  const fromAddress = email.fromAddresses.length === 1 ? email.fromAddresses[0] : undefined;
  if (!fromAddress || !normalizeEmail(fromAddress).ok) {
    await recordRefusal(deps, email, 'invalid_sender');
    return { ok: false, reason: 'invalid_sender' };
  }
  if (email.messageId && (await ticketMessageExists(deps.db, email.messageId))) {
    const ticket = await getTicketByRfcMessageId(deps.db, [email.messageId]);
    if (ticket) return { ok: true, outcome: 'duplicate', reference: ticket.reference };
  }

  const sender = await verifySender(deps, email, raw, { envelope, ...options });
  const thread = await findThread(deps, email, fromAddress);
  const sensitive = isSensitiveRequest({ category: 'general', subject: email.subject, body: email.body });
  const lostAccess = !thread && isLostAccessRequest(email);
  // Throttles are counted outside the transaction (and so even when it fails), like the forgot form.
  const lostAccessAdmitted = lostAccess
    ? await admitLostAccessRequest(deps, fromAddress, envelope.remoteAddress ?? null)
    : false;
  const mayAnswer =
    sensitive && !sender.verified && !(thread?.sensitive && !thread.actionable)
      ? await admitAutoReply(deps, fromAddress)
      : false;

  // A new ticket from an address on a fiche is acknowledged to that fiche's address only (never to a
  // From line that matches no fiche: no mail to arbitrary addresses), unless it already gets its own
  // answer (the sensitive-request or lost-access one); counted per account before the transaction.
  const acknowledge =
    !thread && sender.accountId !== null && !(sensitive && !sender.verified) && !lostAccess
      ? await admitEmailTicketAcknowledgement(deps, sender.accountId)
      : false;

  const attachments = await intakeEmailAttachments(deps, email.attachments);
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const input = { email, fromAddress, sender, sensitive };
      const { ticket, message } = thread
        ? await addToThread(tx, deps, thread.id, input)
        : await openEmailTicket(tx, deps, input, lostAccess);
      await saveEmailAttachments(tx, deps, { ticketId: ticket.id, messageId: message.id }, attachments);
      if (mayAnswer) await sendSensitiveRequestAnswer(tx, deps, ticket, fromAddress, email.messageId);
      const fiche = acknowledge && ticket.accountId ? await getAccountById(tx, ticket.accountId) : null;
      if (fiche) await sendTicketAcknowledgement(tx, deps, ticket, fiche, { inReplyTo: email.messageId });
      if (lostAccess) {
        await handleLostAccessEmail(tx, deps, {
          reference: ticket.reference,
          accountId: sender.accountId,
          fromAddress,
          admitted: lostAccessAdmitted,
        });
      }
      await recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId: ticket.accountId,
        action: 'ticket.email_received',
        ip: envelope.remoteAddress ?? null,
        userAgent: null,
        details: {
          reference: ticket.reference,
          created: thread === null,
          senderVerified: sender.verified,
          verification: sender.verification,
          attachmentsKept: attachments.accepted.length,
          attachmentsRefused: attachments.refused.length,
        },
      });
      return { ok: true, outcome: thread ? 'added' : 'created', reference: ticket.reference } as const;
    });
  } catch (error) {
    await discardEmailAttachments(deps, attachments);
    throw error;
  }
}

/**
 * The ticket this email answers (reference in the subject, else In-Reply-To/References), but only
 * when it comes from the ticket's requester or the email on its fiche: a stranger who knows a
 * reference cannot write into someone else's thread (their message opens a ticket of its own).
 */
async function findThread(
  deps: Pick<Deps, 'db'>,
  email: InboundEmail,
  fromAddress: string,
): Promise<Ticket | null> {
  const reference = findTicketReferenceInSubject(email.subject);
  const ticket =
    (reference ? await getTicketByReference(deps.db, reference) : null) ??
    (await getTicketByRfcMessageId(deps.db, email.threadIds));
  if (!ticket) return null;
  const from = normalizeEmail(fromAddress);
  if (!from.ok) return null;
  const requester = normalizeEmail(ticket.requesterEmail);
  if (requester.ok && requester.normalized === from.normalized) return ticket;
  const account = ticket.accountId ? await getAccountById(deps.db, ticket.accountId) : null;
  return account && account.email.toLowerCase() === from.normalized ? ticket : null;
}

type IntakeInput = { email: InboundEmail; fromAddress: string; sender: SenderCheck; sensitive: boolean };

async function openEmailTicket(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  { email, fromAddress, sender, sensitive }: IntakeInput,
  lostAccess: boolean,
): Promise<{ ticket: Ticket; message: TicketMessage }> {
  return openTicket(
    tx,
    deps,
    {
      accountId: sender.accountId,
      channel: 'email',
      category: sensitive ? 'sensitive' : lostAccess ? 'access' : 'general',
      subject: email.subject || '(sans objet)',
      body: email.body,
      requesterEmail: fromAddress,
      requesterName: email.fromName,
      serviceId: null,
      senderVerified: sender.verified,
      verification: sender.verification,
      email: { rfcMessageId: email.messageId, inReplyTo: email.inReplyTo, fromAddress },
    },
    { type: 'anonymous', id: null, meta: { ip: null, userAgent: null } },
  );
}

async function addToThread(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  ticketId: string,
  { email, fromAddress, sender, sensitive }: IntakeInput,
): Promise<{ ticket: Ticket; message: TicketMessage }> {
  const locked = await lockTicketById(tx, ticketId);
  if (!locked) throw new Error('ticket vanished during email intake');
  const now = deps.clock.now();
  const message = await insertTicketMessage(tx, {
    id: randomUUID(),
    ticketId: locked.id,
    authorType: 'sender',
    authorStaffId: null,
    channel: 'email',
    body: email.body,
    rfcMessageId: email.messageId,
    inReplyTo: email.inReplyTo,
    fromAddress,
    senderVerified: sender.verified,
    verification: sender.verification,
    createdAt: now,
  });
  // A sensitive request written into an existing thread by an unverified sender is not acted upon either.
  const becomesUnactionable = sensitive && !sender.verified;
  const ticket = await applyTicketEvent(tx, locked, 'customer_message', {
    updated_at: now,
    last_message_at: now,
    ...(sensitive ? { sensitive: true } : {}),
    ...(becomesUnactionable ? { actionable: false } : {}),
  });
  // The table lets a customer's message through from every status, and the ticket is locked.
  if (!ticket) throw new Error(`ticket ${locked.reference} left ${locked.status} under its lock`);
  return { ticket, message };
}

async function recordRefusal(
  deps: Pick<Deps, 'db' | 'clock'>,
  email: InboundEmail,
  reason: string,
): Promise<void> {
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'anonymous', id: null },
      accountId: null,
      action: 'ticket.email_refused',
      ip: null,
      userAgent: null,
      details: { reason, messageId: email.messageId?.slice(0, 200) ?? null },
    }),
  );
}
