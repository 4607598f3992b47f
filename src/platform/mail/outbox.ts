import { HOUR, MINUTE } from '../clock.ts';
import { open, seal } from '../crypto/sealed-box.ts';
import type { RenderedEmail } from './email-template.ts';

/**
 * Pure rules of the outbox. A row goes queued → sending → sent | abandoned (the shape of Ory
 * Kratos' courier); a failed attempt goes back to queued with a later next_attempt_at.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> queued: enqueueEmail (in the caller's transaction)
 *   queued --> sending: claimed (FOR UPDATE SKIP LOCKED), attempts + 1, lease starts
 *   sending --> sent: transport accepted it; body scrubbed
 *   sending --> queued: transient failure, retried after a backoff
 *   sending --> abandoned: permanent failure (SMTP 5xx) or attempts exhausted
 *   sending --> sending: lease expired (worker died), claimed again
 * ```
 */

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'abandoned';

/** After this many attempts an email is abandoned: about three hours of retries with the backoff below. */
export const MAX_DELIVERY_ATTEMPTS = 10;
/**
 * How long a claim holds a row. A worker that dies between claim and send leaves it in
 * 'sending'; once the lease is over another worker takes it again (at-least-once: if the first
 * had already handed it to the relay, the receiver gets it twice, with the same Message-ID).
 */
export const CLAIM_LEASE_MS = 5 * MINUTE;
/** The longest a send may take (SMTP connection, greeting and socket timeouts): a claim with less lease left is released, not sent. */
export const SEND_BUDGET_MS = 2 * MINUTE;

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = HOUR;

/** Delay before the next attempt after `attempts` failed ones: 30 s doubling, capped at 1 h, jittered down by up to half. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
  // Jitter spreads the retries of a burst that failed together (an SMTP outage) over time.
  return Math.round(base * (0.5 + random() / 2));
}

/** What is sealed in a row: the rendered email and its extra headers. */
export type SealedEmailContent = RenderedEmail & { headers: Record<string, string> };

// The row id is the additional data: a body copied into another row does not open there.
const aadFor = (id: string) => `email_outbox:${id.toLowerCase()}`;

export function sealEmailContent(key: Buffer, id: string, content: SealedEmailContent): string {
  return seal(key, JSON.stringify(content), aadFor(id));
}

export function openEmailContent(key: Buffer, id: string, sealed: string): SealedEmailContent {
  return JSON.parse(open(key, sealed, aadFor(id)).toString('utf8')) as SealedEmailContent;
}

/** `<id@host>`: derived from the row, so every attempt of one email carries the same Message-ID. */
export function messageIdFor(id: string, publicUrl: URL): string {
  return `<${id.toLowerCase()}@${publicUrl.hostname}>`;
}

// Headers the outbox sets itself; a caller must not be able to redirect or disguise an email.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'sender',
  // Reply-To is allowed: support emails ask for answers at the support address. It steers only
  // the recipient's answer; From, To and the envelope stay the outbox's.
]);

/** Throws on a header that is reserved, malformed, or would inject another header (CR/LF). */
export function assertSafeHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new Error(`email header not allowed: ${name}`);
    }
    if (/[\r\n]/.test(value)) throw new Error(`email header ${name} holds a line break`);
  }
}

/**
 * A failure as stored in last_error and logged: code, SMTP reply code and message, with URLs and
 * long token-like strings removed, in case a relay echoes part of what it was sent.
 */
export function describeDeliveryFailure(error: unknown): string {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
  };
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]')
    .replace(/[A-Za-z0-9_-]{24,}/g, '[redacted]');
  const prefix = [details.code, details.responseCode].filter(
    (v) => typeof v === 'string' || typeof v === 'number',
  );
  return `${prefix.length ? `${prefix.join(' ')}: ` : ''}${message}`.slice(0, 500);
}
