import type { Account } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { acknowledgementSubject, ticketAcknowledgementEmail } from './emails/ticket-acknowledgement.email.ts';
import type { Ticket } from './ticket.ts';
import { ticketEmailSubject } from './ticket-reference.ts';

const HOUR = 3_600_000;

/**
 * Before the intake transaction: whether the fiche's address may get another acknowledgement of an
 * emailed ticket now (and counts it). Anyone can write to support with a customer's address in From:
 * 3 an hour per account, so the desk cannot be used to flood a customer's mailbox.
 */
export async function admitEmailTicketAcknowledgement(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
): Promise<boolean> {
  const key = {
    key: `ticket-ack:account:${accountId}`,
    policy: { freeFailures: 2, baseDelayMs: HOUR, maxDelayMs: HOUR, windowMs: HOUR },
  };
  return (await consumeThrottleAttempt(deps.db, deps.clock, [key])).ok;
}

/**
 * Inside the transaction that opened the ticket: « Nous avons bien reçu votre demande », queued in the
 * outbox to the address on the account's fiche — never to an address taken from the message, so
 * Sésame only ever writes to addresses it already holds. The ticket's subject is repeated only for a
 * verified sender (portal, or DMARC-aligned email); the message is never quoted. Audited like the
 * desk's other automatic answers (`ticket.auto_reply_sent`, kind `acknowledgement`).
 */
export async function sendTicketAcknowledgement(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  ticket: Ticket,
  account: Account,
  options: { inReplyTo?: string | null } = {},
): Promise<void> {
  const locale = account.locale;
  const rendered = ticketAcknowledgementEmail.render(
    {
      reference: ticket.reference,
      subject: ticket.senderVerified ? ticket.subject : null,
      emailSubject: ticket.senderVerified
        ? ticketEmailSubject(ticket.reference, ticket.subject)
        : acknowledgementSubject(ticket.reference, locale),
      threadUrl: new URL(
        `/support/${encodeURIComponent(ticket.reference)}`,
        deps.config.publicUrl,
      ).toString(),
      channel: ticket.channel,
    },
    locale,
  );
  const inReplyTo = options.inReplyTo;
  const threading =
    inReplyTo && /^<[^<>\s]+>$/.test(inReplyTo)
      ? { 'In-Reply-To': inReplyTo, References: inReplyTo }
      : undefined;
  await enqueueEmail(tx, deps, {
    to: account.email,
    accountId: account.id,
    kind: ticketAcknowledgementEmail.name,
    rendered,
    ...(threading ? { headers: threading } : {}),
  });
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: 'system', id: null },
    accountId: account.id,
    action: 'ticket.auto_reply_sent',
    ip: null,
    userAgent: null,
    details: { reference: ticket.reference, kind: 'acknowledgement', channel: ticket.channel },
  });
}
