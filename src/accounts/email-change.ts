/**
 * Changing the email on the fiche: types and pure rules, no I/O. The confirmation link's life is the
 * single-use token's (platform/tokens/single-use-token.ts): requested with the password, sent to the
 * NEW address, used when its page's button is posted (then the fiche changes), invalidated by a newer
 * request, a new password or another change of address, expired after 24 hours.
 */

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
