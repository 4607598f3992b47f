/**
 * The life of a password-reset link: types and pure rules, no I/O.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> awaiting_use: requested (forgot form, support)
 *   awaiting_use --> used: use (the reset FORM is posted; opening the link changes nothing)
 *   awaiting_use --> invalidated: invalidate (newer link, new password, email changed)
 *   awaiting_use --> expired: 30 minutes pass
 *   used --> [*]
 *   invalidated --> [*]
 *   expired --> [*]
 * ```
 *
 * Stored as timestamps (`used_at`, `invalidated_at`, `expires_at`) rather than a state column so
 * that `use` is one compare-and-set UPDATE with the clock in its WHERE clause: exactly one of two
 * concurrent posts of the same link wins.
 */

export type ResetTokenState = 'awaiting_use' | 'used' | 'invalidated' | 'expired';
export type ResetTokenEvent = 'use' | 'invalidate';

/** The allowed transitions; anything absent is refused. */
export const resetTokenTransitions: Readonly<
  Record<ResetTokenState, Partial<Record<ResetTokenEvent, ResetTokenState>>>
> = {
  awaiting_use: { use: 'used', invalidate: 'invalidated' },
  used: {},
  invalidated: {},
  expired: {},
};

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

/** The state of a token at `now`. A spent token stays spent after its expiry, so that is checked first. */
export function resetTokenState(token: PasswordResetToken, now: Date): ResetTokenState {
  if (token.usedAt) return 'used';
  if (token.invalidatedAt) return 'invalidated';
  // Expiry is exclusive: at expires_at the link is dead, as in the consuming UPDATE (expires_at > now).
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'awaiting_use';
}

/** The state after `event`, or null when the transition is not allowed. Pure. */
export function nextResetTokenState(state: ResetTokenState, event: ResetTokenEvent): ResetTokenState | null {
  return resetTokenTransitions[state][event] ?? null;
}

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
