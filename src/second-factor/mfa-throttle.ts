import { hashToken } from '../platform/crypto/tokens.ts';
import { throttleAddress } from '../platform/net/client-address.ts';
import type { ThrottledKey } from '../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;

/**
 * Second-factor guesses, throttled like passwords, per account and per IP:
 * - account from one IP: 5 free failures, then 1 s, 2 s… up to 15 min;
 * - account from anywhere: 10 free failures, up to 15 min — a six-digit code has a million values,
 *   and whoever reaches this step already has the password, so the account-wide budget is tighter
 *   than sign-in's;
 * - one IP on any accounts: 30 free failures, up to 15 min.
 */
export function mfaThrottleKeys(
  accountId: string,
  ip: string | null,
): { keys: ThrottledKey[]; accountFromIp: string } {
  const account = hashToken(`customer:${accountId}`);
  const address = throttleAddress(ip);
  const policy = (freeFailures: number) => ({
    freeFailures,
    baseDelayMs: 1000,
    maxDelayMs: 15 * MINUTE,
    windowMs: 60 * MINUTE,
  });
  const accountFromIp = `customer-mfa:account-ip:${account}:${address}`;
  return {
    keys: [
      { key: accountFromIp, policy: policy(5) },
      { key: `customer-mfa:account:${account}`, policy: policy(10) },
      { key: `customer-mfa:ip:${address}`, policy: policy(30) },
    ],
    accountFromIp,
  };
}
