import { createReference, REFERENCE_GROUP } from '../platform/crypto/references.ts';

/**
 * Ticket references such as `T-7KQ2-M9XD` (see platform/crypto/references.ts), written in email
 * subjects as `[T-7KQ2-M9XD]` so replies thread even when a mail client drops In-Reply-To.
 */
export function createTicketReference(): string {
  return createReference('T');
}

/** The ticket reference in an email subject ("Re: [T-7KQ2-M9XD] Mon site"), or null. */
export function findTicketReferenceInSubject(subject: string): string | null {
  const match = new RegExp(`\\[\\s*(T-${REFERENCE_GROUP}-${REFERENCE_GROUP})\\s*\\]`, 'i').exec(subject);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** The subject of our emails about a ticket: the reference in brackets, then the ticket's subject. */
export function ticketEmailSubject(reference: string, subject: string): string {
  return `[${reference}] ${subject.replace(/^\s*((re|tr|fwd?)\s*:\s*)+/i, '')}`.slice(0, 200);
}
