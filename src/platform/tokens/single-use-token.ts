/**
 * A link that works once and for a while: the password-reset link, the email-change confirmation.
 * Types and pure rules, no I/O; the SQL is single-use-token.repository.ts.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> awaiting_use: issued (link emailed; only the SHA-256 of the token is stored)
 *   awaiting_use --> used: use (the page's FORM is posted; opening the link changes nothing)
 *   awaiting_use --> invalidated: invalidate (a newer link, a new password, the address changed)
 *   awaiting_use --> expired: its time passes
 *   used --> [*]
 *   invalidated --> [*]
 *   expired --> [*]
 * ```
 *
 * Stored as timestamps (`used_at`, `invalidated_at`, `expires_at`) rather than a state column so that
 * `use` is one compare-and-set UPDATE with the clock in its WHERE clause: exactly one of two
 * concurrent posts of the same link wins.
 */

export type SingleUseTokenState = 'awaiting_use' | 'used' | 'invalidated' | 'expired';
export type SingleUseTokenEvent = 'use' | 'invalidate';

/** The allowed transitions; anything absent is refused. */
export const singleUseTokenTransitions: Readonly<
  Record<SingleUseTokenState, Partial<Record<SingleUseTokenEvent, SingleUseTokenState>>>
> = {
  awaiting_use: { use: 'used', invalidate: 'invalidated' },
  used: {},
  invalidated: {},
  expired: {},
};

/** What a stored token says of its state. */
export type SingleUseTokenTimes = { expiresAt: Date; usedAt: Date | null; invalidatedAt: Date | null };

/** The state of a token at `now`. A spent token stays spent after its expiry, so that is checked first. */
export function singleUseTokenState(token: SingleUseTokenTimes, now: Date): SingleUseTokenState {
  if (token.usedAt) return 'used';
  if (token.invalidatedAt) return 'invalidated';
  // Expiry is exclusive: at expires_at the link is dead, as in the consuming UPDATE (expires_at > now).
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'awaiting_use';
}

/** The state after `event`, or null when the transition is not allowed. Pure. */
export function nextSingleUseTokenState(
  state: SingleUseTokenState,
  event: SingleUseTokenEvent,
): SingleUseTokenState | null {
  return singleUseTokenTransitions[state][event] ?? null;
}
