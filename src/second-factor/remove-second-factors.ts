import type { Tx } from '../platform/db/database.ts';
import { deletePasskeysOfAccount } from './passkeys.repository.ts';
import {
  deleteCustomerTotp,
  deleteRecoveryCodes,
  invalidatePendingSignInsOfAccount,
} from './second-factor.repository.ts';

export type RemovedFactors = { totp: boolean; passkeys: number; recoveryCodes: number };

/**
 * Removes every second factor of the account inside the caller's transaction — the authenticator,
 * the passkeys, the recovery codes, the pending sign-ins — for a recovery case's completion, where documents
 * proved identity. Returns what was removed, for the audit event and the emails. A password reset
 * never calls this: a reset by email link must not bypass the factor.
 */
export async function removeEverySecondFactor(tx: Tx, accountId: string, now: Date): Promise<RemovedFactors> {
  const totp = await deleteCustomerTotp(tx, accountId);
  const passkeys = await deletePasskeysOfAccount(tx, accountId);
  const recoveryCodes = await deleteRecoveryCodes(tx, accountId);
  await invalidatePendingSignInsOfAccount(tx, accountId, now);
  return { totp, passkeys, recoveryCodes };
}
