import type { Account } from '../accounts/account.ts';
import { assertCurrentPassword } from '../accounts/current-password.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { createTotpSecret, totpUri, verifyTotpCode } from '../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { openCustomerTotpSecret, sealCustomerTotpSecret } from './customer-totp-secret.ts';
import {
  enqueueFactorChangeNotice,
  getFactorState,
  hasAnyFactor,
  lockAccountFactors,
  settleFactorRemoval,
} from './factor-state.ts';
import {
  confirmCustomerTotp,
  deleteCustomerTotp,
  getCustomerTotpByAccount,
  replaceRecoveryCodes,
  upsertPendingCustomerTotp,
} from './second-factor.repository.ts';
import { CUSTOMER_TOTP_ISSUER, createRecoveryCodes, hashRecoveryCode } from './second-factor.ts';

export type TotpEnrolment = { secret: string; otpauthUri: string };

const invalidCode = () => new AppError('INVALID_CODE', { errors: [{ field: 'code', code: 'invalid_code' }] });

/** Whether the account has a confirmed authenticator (its second factor is on). */
export async function hasConfirmedTotp(deps: Pick<Deps, 'db'>, accountId: string): Promise<boolean> {
  return (await getCustomerTotpByAccount(deps.db, accountId))?.confirmedAt != null;
}

/**
 * Starts TOTP enrolment after the current password: a new secret, sealed, inactive until a code
 * confirms it. 409 when an authenticator is already active (remove it first, as GitHub asks).
 */
export async function startTotpEnrolment(
  deps: Deps,
  account: Account,
  currentPassword: string,
  meta: RequestMeta,
): Promise<TotpEnrolment> {
  await assertCurrentPassword(deps, account, currentPassword, meta, 'currentPassword');
  const secret = createTotpSecret();
  const started = await deps.db
    .transaction()
    .execute((tx) =>
      upsertPendingCustomerTotp(
        tx,
        account.id,
        sealCustomerTotpSecret(deps, account.id, secret),
        deps.clock.now(),
      ),
    );
  if (!started) throw new AppError('CONFLICT');
  return { secret, otpauthUri: totpUri(CUSTOMER_TOTP_ISSUER, account.email, secret) };
}

/** The pending enrolment's secret (to show it again with its QR code), or null when none awaits. */
export async function getPendingTotpEnrolment(deps: Deps, account: Account): Promise<TotpEnrolment | null> {
  const stored = await getCustomerTotpByAccount(deps.db, account.id);
  if (!stored || stored.confirmedAt) return null;
  const secret = openCustomerTotpSecret(deps, account.id, stored.sealedSecret);
  return { secret, otpauthUri: totpUri(CUSTOMER_TOTP_ISSUER, account.email, secret) };
}

/**
 * Confirms enrolment with a first code: the authenticator becomes a second factor and ten recovery
 * codes are made, returned this once (only their hashes are kept). When passkeys were there first,
 * the new set replaces theirs (the API always answers ten codes; the old ones die).
 */
export async function confirmTotpEnrolment(
  deps: Deps,
  account: Account,
  code: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const stored = await getCustomerTotpByAccount(deps.db, account.id);
  if (!stored || stored.confirmedAt) throw new AppError('CONFLICT');
  const secret = openCustomerTotpSecret(deps, account.id, stored.sealedSecret);
  const verdict = await verifyTotpCode(secret, code.trim(), deps.clock.now(), null);
  if (!verdict.ok) throw invalidCode();
  const recoveryCodes = createRecoveryCodes();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await confirmCustomerTotp(tx, account.id, verdict.step, deps.clock.now())))
      throw new AppError('CONFLICT');
    await replaceRecoveryCodes(tx, account.id, recoveryCodes.map(hashRecoveryCode), deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'mfa.totp_enrolled',
      ...meta,
    });
    await enqueueFactorChangeNotice(tx, deps, account, { kind: 'totp_added' }, false);
  });
  return { recoveryCodes };
}

/** Removes the authenticator after the current password (and the recovery codes when no passkey is left); 404 when none was active. */
export async function removeTotp(
  deps: Deps,
  account: Account,
  currentPassword: string,
  meta: RequestMeta,
): Promise<void> {
  await assertCurrentPassword(deps, account, currentPassword, meta, 'currentPassword');
  await deps.db.transaction().execute(async (tx) => {
    await lockAccountFactors(tx, account.id);
    const removed = await deleteCustomerTotp(tx, account.id);
    if (!removed) throw new AppError('NOT_FOUND');
    await settleFactorRemoval(tx, deps, account, meta, {
      action: 'mfa.totp_removed',
      details: {},
      change: { kind: 'totp_removed' },
    });
  });
}

/** New recovery codes after the current password (the old ones die); 409 without an active factor. */
export async function regenerateRecoveryCodes(
  deps: Deps,
  account: Account,
  currentPassword: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  await assertCurrentPassword(deps, account, currentPassword, meta, 'currentPassword');
  if (!hasAnyFactor(await getFactorState(deps.db, account.id))) throw new AppError('CONFLICT');
  const recoveryCodes = createRecoveryCodes();
  await deps.db.transaction().execute(async (tx) => {
    await replaceRecoveryCodes(tx, account.id, recoveryCodes.map(hashRecoveryCode), deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'mfa.recovery_codes_regenerated',
      ...meta,
    });
  });
  return { recoveryCodes };
}
