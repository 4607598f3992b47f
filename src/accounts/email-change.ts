/**
 * Changing the email on the fiche: types and pure rules, no I/O.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> awaiting_confirmation: requested (password checked; link sent to the NEW address)
 *   awaiting_confirmation --> confirmed: confirm (the page's button posted; the fiche changes)
 *   awaiting_confirmation --> invalidated: invalidate (newer request, new password, email changed)
 *   awaiting_confirmation --> expired: 24 hours pass
 *   confirmed --> [*]
 *   invalidated --> [*]
 *   expired --> [*]
 * ```
 *
 * As for reset links, the state is kept in timestamps so `confirm` is one compare-and-set UPDATE.
 */

export type EmailChangeState = 'awaiting_confirmation' | 'confirmed' | 'invalidated' | 'expired';
export type EmailChangeEvent = 'confirm' | 'invalidate';

/** The allowed transitions; anything absent is refused. */
export const emailChangeTransitions: Readonly<
  Record<EmailChangeState, Partial<Record<EmailChangeEvent, EmailChangeState>>>
> = {
  awaiting_confirmation: { confirm: 'confirmed', invalidate: 'invalidated' },
  confirmed: {},
  invalidated: {},
  expired: {},
};

export type EmailChangeRequest = {
  id: string;
  accountId: string;
  newEmail: string;
  newEmailNormalized: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  invalidatedAt: Date | null;
};

/** Email verification links live 24 hours (DESIGN.md, security rules). */
export const EMAIL_CHANGE_TTL_HOURS = 24;
/** 32 random bytes (256 bits), base64url. */
export const EMAIL_CHANGE_TOKEN_BYTES = 32;

/** The state of a request at `now`; a spent request stays spent after its expiry. */
export function emailChangeState(request: EmailChangeRequest, now: Date): EmailChangeState {
  if (request.usedAt) return 'confirmed';
  if (request.invalidatedAt) return 'invalidated';
  if (request.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'awaiting_confirmation';
}

/** The state after `event`, or null when the transition is not allowed. Pure. */
export function nextEmailChangeState(
  state: EmailChangeState,
  event: EmailChangeEvent,
): EmailChangeState | null {
  return emailChangeTransitions[state][event] ?? null;
}

export function emailChangeExpiry(now: Date): Date {
  return new Date(now.getTime() + EMAIL_CHANGE_TTL_HOURS * 3_600_000);
}

/** The confirmation link, built from PUBLIC_URL only, never from the request's Host header. */
export function emailChangeConfirmationLink(publicUrl: URL, token: string): string {
  const url = new URL('/account/email/confirm', publicUrl.origin);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * "j•••@example.fr": what the notice to the OLD address shows of the new one. Enough for the
 * owner to recognise their own change; not a full address handed to whoever reads an old,
 * possibly recycled, mailbox.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
