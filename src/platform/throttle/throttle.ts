/**
 * Progressive delays kept in the database, so that every instance sees the same counts.
 * After `freeFailures` failures within `windowMs`, each further failure blocks the key for
 * `baseDelayMs * 2^(extra failures)`, capped at `maxDelayMs`: slow enough to stop guessing,
 * never a permanent lockout that a stranger could use against the real owner.
 */
export type ThrottlePolicy = {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
};

export type ThrottleState = { failures: number; windowStartedAt: Date; blockedUntil: Date | null };

/** The state after one more failure at `now`. Pure. */
export function nextThrottleState(
  previous: ThrottleState | null,
  policy: ThrottlePolicy,
  now: Date,
): ThrottleState {
  const windowExpired = !previous || now.getTime() - previous.windowStartedAt.getTime() > policy.windowMs;
  const failures = windowExpired ? 1 : previous.failures + 1;
  const windowStartedAt = windowExpired ? now : previous.windowStartedAt;
  const extra = failures - policy.freeFailures;
  if (extra <= 0) return { failures, windowStartedAt, blockedUntil: null };
  const delay = Math.min(policy.baseDelayMs * 2 ** Math.min(extra - 1, 30), policy.maxDelayMs);
  return { failures, windowStartedAt, blockedUntil: new Date(now.getTime() + delay) };
}

/** Milliseconds until the key may be tried again, 0 when it may be tried now. */
export function retryAfterMs(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}
