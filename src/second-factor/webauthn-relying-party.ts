import type { Config } from '../config.ts';

/**
 * The relying party of every WebAuthn ceremony: its id is PUBLIC_URL's host name and the only
 * origin accepted is PUBLIC_URL's origin, so a passkey made for Sésame answers nowhere else.
 */
export function relyingParty(config: Pick<Config, 'publicUrl'>): {
  rpID: string;
  rpName: string;
  origin: string;
} {
  return { rpID: config.publicUrl.hostname, rpName: 'Sésame', origin: config.publicUrl.origin };
}

/** Challenges live five minutes, the ceremony's own timeout: long enough to find a security key. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

/** A passkey may be added or removed without the password for ten minutes after signing in (GitHub's "sudo mode"). */
export const FRESH_SIGN_IN_MS = 10 * 60_000;

/** A passkey's name as the customer typed it, or a default; at most 60 characters. */
export function passkeyName(typed: string | undefined, fallback: string): string {
  const name = (typed ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return name || fallback;
}
