import { recordAuditEvent } from '../../audit/audit.service.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt, type ThrottledKey } from '../../platform/throttle/throttle.service.ts';
import type { Ticket } from '../ticket.ts';
import { ticketEmailSubject } from '../ticket-reference.ts';
import { sensitiveRequestRefusedEmail } from './emails/sensitive-request-refused.email.ts';

const HOUR = 3_600_000;

/**
 * A forged sensitive request would make us write to the forged address: at most 3 answers an hour
 * per address, so nobody can use the desk to flood someone's mailbox. Keyed on a hash (no address in rows).
 */
function autoReplyThrottleKey(address: string): ThrottledKey[] {
  return [
    {
      key: `ticket-auto-reply:${hashToken(`auto-reply:${address.toLowerCase()}`)}`,
      policy: { freeFailures: 2, baseDelayMs: HOUR, maxDelayMs: HOUR, windowMs: HOUR },
    },
  ];
}

/** Before the transaction: whether this address may get another automatic answer now (and counts it). */
export async function admitAutoReply(deps: Pick<Deps, 'db' | 'clock'>, address: string): Promise<boolean> {
  const keys = autoReplyThrottleKey(address);
  return (await consumeThrottleAttempt(deps.db, deps.clock, keys)).ok;
}

/**
 * Inside the intake transaction: the one answer to a sensitive request from an unverified sender,
 * threaded under their message. It never carries a reset link nor says whether the address is on a fiche.
 */
export async function sendSensitiveRequestAnswer(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  ticket: Ticket,
  to: string,
  inReplyTo: string | null,
): Promise<void> {
  const rendered = sensitiveRequestRefusedEmail.render(
    {
      reference: ticket.reference,
      supportUrl: new URL('/support', deps.config.publicUrl).toString(),
      subject: ticketEmailSubject(ticket.reference, ticket.subject),
    },
    'fr',
  );
  const threading =
    inReplyTo && /^<[^<>\s]+>$/.test(inReplyTo)
      ? { 'In-Reply-To': inReplyTo, References: inReplyTo }
      : undefined;
  await enqueueEmail(tx, deps, {
    to,
    // Not tied to the fiche: the answer goes to whoever wrote, verified or not.
    accountId: null,
    kind: sensitiveRequestRefusedEmail.name,
    rendered,
    ...(threading ? { headers: threading } : {}),
  });
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: 'system', id: null },
    accountId: ticket.accountId,
    action: 'ticket.auto_reply_sent',
    ip: null,
    userAgent: null,
    details: { reference: ticket.reference, kind: 'sensitive_request_unverified' },
  });
}
