import type { Deps } from '../platform/deps.ts';
import { consumeThrottleAttempt, refundThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { type DeviceScope, verifyDeviceToken } from './device-cookie.ts';
import { type SignInThrottle, signInThrottleKeys } from './sign-in-throttle.ts';

export type GuardedGuess<T> = { ok: true; result: T } | { ok: false; retryAfterMs: number };

/**
 * One password guess as a throttled attempt, reserved BEFORE the guess is checked: concurrent
 * guesses each take a place in the counters first, so a burst of 200 counts as 200 and only the
 * free ones ever reach argon2. A right guess hands its place back (and clears this account's
 * failures from this IP or device); a guess that could not be checked at all (argon2 queue full,
 * database down) is handed back too, and its error goes on to the caller.
 */
export async function guardPasswordGuess<T>(
  deps: Pick<Deps, 'db' | 'clock'>,
  throttle: SignInThrottle,
  check: () => Promise<T>,
  succeeded: (result: T) => boolean,
): Promise<GuardedGuess<T>> {
  const verdict = await consumeThrottleAttempt(deps.db, deps.clock, throttle.keys);
  if (!verdict.ok) return verdict;
  let result: T;
  try {
    result = await check();
  } catch (error) {
    // Best effort: the caller's error (503, 500) matters more than a refund that fails with it.
    await refundThrottleAttempt(deps.db, deps.clock, { refund: throttle.keys.map((k) => k.key) }).catch(
      () => undefined,
    );
    throw error;
  }
  if (succeeded(result)) {
    await refundThrottleAttempt(deps.db, deps.clock, {
      refund: throttle.refundedOnSuccess,
      clear: throttle.clearedOnSuccess,
    });
  }
  return { ok: true, result };
}

/** The throttle of a sign-in by `emailKey`, trusting the device cookie when it is this login's. */
export function signInThrottleFor(
  deps: Pick<Deps, 'clock' | 'masterKey'>,
  scope: DeviceScope,
  emailKey: string,
  ip: string | null,
  deviceToken: string | null,
): SignInThrottle {
  const device = verifyDeviceToken(deps.masterKey, scope, emailKey, deviceToken, deps.clock.now());
  return signInThrottleKeys(scope, emailKey, ip, device);
}
