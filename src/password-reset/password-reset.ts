/**
 * The password-reset link: types and pure rules, no I/O. Its life is the single-use token's
 * (platform/tokens/single-use-token.ts: awaiting_use → used | invalidated | expired), with 30 minutes
 * (RESET_TOKEN_TTL_MINUTES) to live.
 */

/** A stored reset token, without its hash. */
export type PasswordResetToken = {
  id: string;
  accountId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  invalidatedAt: Date | null;
};

/** Reset tokens are 32 random bytes (256 bits), base64url: 43 characters. */
export const RESET_TOKEN_BYTES = 32;

/** When a token issued at `now` stops working. */
export function resetTokenExpiry(now: Date, ttlMinutes: number): Date {
  return new Date(now.getTime() + ttlMinutes * 60_000);
}

/** The link in the email, built from PUBLIC_URL only: a forged Host header can never redirect it. */
export function passwordResetLink(publicUrl: URL, token: string): string {
  const url = new URL('/password/reset', publicUrl.origin);
  url.searchParams.set('token', token);
  return url.toString();
}
