import { randomInt } from 'node:crypto';

/**
 * Ticket references such as `T-7KQ2-M9XD`, written in email subjects as `[T-7KQ2-M9XD]` so replies
 * thread even when a mail client drops In-Reply-To. Random (40 bits): they reveal neither how many
 * tickets exist nor when one was opened. Crockford's alphabet without I, L, O and U.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = '[0-9A-HJKMNP-TV-Z]{4}';

export function createTicketReference(): string {
  const pick = () => ALPHABET[randomInt(0, ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `T-${group()}-${group()}`;
}

/** The ticket reference in an email subject ("Re: [T-7KQ2-M9XD] Mon site"), or null. */
export function findTicketReferenceInSubject(subject: string): string | null {
  const match = new RegExp(`\\[\\s*(T-${GROUP}-${GROUP})\\s*\\]`, 'i').exec(subject);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** The subject of our emails about a ticket: the reference in brackets, then the ticket's subject. */
export function ticketEmailSubject(reference: string, subject: string): string {
  return `[${reference}] ${subject.replace(/^\s*((re|tr|fwd?)\s*:\s*)+/i, '')}`.slice(0, 200);
}
