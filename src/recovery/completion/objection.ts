import { HOUR } from '../../platform/clock.ts';
import type { Locale } from '../../views/i18n/index.ts';
import type { RecoveryCase } from '../case.ts';

/**
 * The objection window: after approval, the address on file when the case was approved gets a
 * link to object until `objectionDeadline`; then the case completes. Pure rules, no I/O.
 */

/** 32 random bytes (256 bits), base64url; only its SHA-256 is stored. */
export const OBJECTION_TOKEN_BYTES = 32;

/** When the change takes effect: `hours` after approval (0: at once). */
export function objectionDeadlineFrom(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * HOUR);
}

/** The link can still be used: the case is approved and its window is open at `now`. */
export function isObjectionWindowOpen(
  recoveryCase: Pick<RecoveryCase, 'status' | 'objectionDeadline'>,
  now: Date,
): boolean {
  return (
    recoveryCase.status === 'approved' &&
    recoveryCase.objectionDeadline !== null &&
    recoveryCase.objectionDeadline.getTime() > now.getTime()
  );
}

/** The window is over: the worker may complete the case. */
export function isObjectionWindowOver(
  recoveryCase: Pick<RecoveryCase, 'status' | 'objectionDeadline'>,
  now: Date,
): boolean {
  return (
    recoveryCase.status === 'approved' &&
    recoveryCase.objectionDeadline !== null &&
    recoveryCase.objectionDeadline.getTime() <= now.getTime()
  );
}

/** The objection link, built from PUBLIC_URL only, never from a request's Host header. */
export function recoveryObjectionLink(publicUrl: URL, token: string): string {
  const url = new URL('/recovery/objection', publicUrl.origin);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * "j•••@e•••.net": what the previous address is shown of the new one. Whoever reads an old,
 * possibly recycled, mailbox must not learn the claimant's address; the owner recognises it.
 */
export function maskRecoveryEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const maskedDomain = dot > 0 ? `${domain.slice(0, 1)}•••${domain.slice(dot)}` : '•••';
  return `${email.slice(0, 1)}•••@${maskedDomain}`;
}

/** Dates in recovery emails and pages: Paris time, to the minute. */
export function formatRecoveryDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}
