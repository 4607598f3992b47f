import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in to an account before carries a signed token naming that login, and its sign-ins are
 * exempt from the account-wide throttle — so guesses from elsewhere cannot keep the owner out —
 * while still counted per IP and per device (a stolen cookie buys no free guesses).
 *
 * Token: `v1.<issued, unix seconds>.<nonce>.<HMAC-SHA256>`; the MAC covers the scope, the login
 * (the typed address, normalized, never written in the cookie) and the rest, under a key derived
 * from the master key. A token for another login, forged, or older than the limit is not trusted.
 */

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 86_400;
const VERSION = 'v1';

export type DeviceScope = 'customer' | 'staff';

function macKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'sesame device cookie v1', 32));
}

function mac(masterKey: Buffer, scope: DeviceScope, login: string, issued: string, nonce: string): Buffer {
  return createHmac('sha256', macKey(masterKey)).update(`${scope}\0${login}\0${issued}\0${nonce}`).digest();
}

/** A new device token for `login` (the normalized address that signed in). */
export function createDeviceToken(masterKey: Buffer, scope: DeviceScope, login: string, now: Date): string {
  const issued = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('base64url');
  return [VERSION, issued, nonce, mac(masterKey, scope, login, issued, nonce).toString('base64url')].join(
    '.',
  );
}

/**
 * The device's id (its nonce, for the per-device throttle key) when `token` is a live device token
 * of this login; null otherwise.
 */
export function verifyDeviceToken(
  masterKey: Buffer,
  scope: DeviceScope,
  login: string,
  token: string | null | undefined,
  now: Date,
): string | null {
  if (!token || token.length > 200) return null;
  const [version, issued = '', nonce = '', signature = '', ...rest] = token.split('.');
  if (version !== VERSION || rest.length > 0 || !/^\d{1,12}$/.test(issued) || !nonce) return null;
  const age = now.getTime() / 1000 - Number(issued);
  if (age < 0 || age > DEVICE_COOKIE_MAX_AGE_SECONDS) return null;
  const expected = mac(masterKey, scope, login, issued, nonce);
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  return nonce;
}
