import { open, seal } from '../platform/crypto/sealed-box.ts';
import type { Deps } from '../platform/deps.ts';

// The box is bound to the staff member's row: a sealed secret copied onto another member's row
// (by someone with write access to the table) does not open there.
const aadFor = (staffUserId: string) => `staff_users.totp_secret:${staffUserId}`;

/**
 * How a TOTP secret is kept at rest: sealed with the master key (AES-256-GCM). The secret is a
 * shared key — whoever reads it can mint codes — so a database dump alone must not give it away.
 */
export function sealTotpSecret(deps: Pick<Deps, 'masterKey'>, staffUserId: string, secret: string): string {
  return seal(deps.masterKey, secret, aadFor(staffUserId));
}

/** The base32 secret back from its sealed form; throws SealedBoxError if it was tampered with or the key differs. */
export function openTotpSecret(deps: Pick<Deps, 'masterKey'>, staffUserId: string, stored: string): string {
  return open(deps.masterKey, stored, aadFor(staffUserId)).toString('utf8');
}
