import { open, seal } from '../platform/crypto/sealed-box.ts';
import type { Deps } from '../platform/deps.ts';

// Bound to the account's row: a sealed secret copied onto another account's row does not open there.
const aadFor = (accountId: string) => `customer_totp.sealed_secret:${accountId}`;

/** A customer's TOTP secret sealed with the master key (AES-256-GCM): a database dump alone mints no code. */
export function sealCustomerTotpSecret(
  deps: Pick<Deps, 'masterKey'>,
  accountId: string,
  secret: string,
): string {
  return seal(deps.masterKey, secret, aadFor(accountId));
}

/** The base32 secret back; throws SealedBoxError if tampered with or the key differs. */
export function openCustomerTotpSecret(
  deps: Pick<Deps, 'masterKey'>,
  accountId: string,
  stored: string,
): string {
  return open(deps.masterKey, stored, aadFor(accountId)).toString('utf8');
}
