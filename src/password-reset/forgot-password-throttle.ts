import { hashToken } from '../platform/crypto/tokens.ts';
import type { ThrottledKey } from '../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Forgot-password throttling. Every request counts (asking for a link is not a failure, but each
 * one may send an email), keyed on what was TYPED, so known and unknown addresses are throttled
 * alike and a 429 tells nothing about which addresses have an account:
 * - per address: 3 requests an hour go straight through, then 1 min, 2 min, 4 min… up to 15 min —
 *   nobody can flood a mailbox, and the owner is never kept waiting for long;
 * - per IP: 20 requests an hour, then 1 min doubling up to 1 h — stops a sweep over many addresses.
 * A key's state counts requests already made: with `freeFailures: 2` the third request sets the
 * first delay, so the fourth within the hour is the first to wait.
 * The typed address is hashed into the key: throttle rows hold no address.
 */
export function forgotPasswordThrottleKeys(typedEmail: string, ip: string | null): ThrottledKey[] {
  const address = hashToken(`forgot:${typedEmail}`);
  return [
    {
      key: `password-forgot:email:${address}`,
      policy: { freeFailures: 2, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, windowMs: HOUR },
    },
    {
      key: `password-forgot:ip:${ip ?? 'unknown'}`,
      policy: { freeFailures: 19, baseDelayMs: MINUTE, maxDelayMs: HOUR, windowMs: HOUR },
    },
  ];
}
