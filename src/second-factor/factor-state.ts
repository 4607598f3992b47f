import { type Account, accountDisplayName } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditAction } from '../audit/audit.ts';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { type SecondFactorChange, secondFactorChangedEmail } from './emails/second-factor-changed.email.ts';
import { countPasskeysOfAccount } from './passkeys.repository.ts';
import { deleteRecoveryCodes, getCustomerTotpByAccount } from './second-factor.repository.ts';
import type { SecondFactorMethod } from './second-factor.ts';

/** Which factors the account has: a confirmed authenticator app, and how many passkeys. */
export type FactorState = { totp: boolean; passkeys: number };

export async function getFactorState(db: DbOrTx, accountId: string): Promise<FactorState> {
  const [totp, passkeys] = await Promise.all([
    getCustomerTotpByAccount(db, accountId),
    countPasskeysOfAccount(db, accountId),
  ]);
  return { totp: totp?.confirmedAt != null, passkeys };
}

export function hasAnyFactor(state: FactorState): boolean {
  return state.totp || state.passkeys > 0;
}

/** What a pending sign-in of this account can be completed with (recovery codes whenever a factor is on). */
export function methodsFor(state: FactorState): SecondFactorMethod[] {
  if (!hasAnyFactor(state)) return [];
  const methods: SecondFactorMethod[] = [];
  if (state.passkeys > 0) methods.push('passkey');
  if (state.totp) methods.push('totp');
  methods.push('recovery_code');
  return methods;
}

/**
 * Serializes factor changes of one account inside the caller's transaction (a row lock on the
 * account): two enrolments racing cannot both believe they are the first and both make recovery codes.
 */
export async function lockAccountFactors(tx: Tx, accountId: string): Promise<void> {
  await tx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
}

/** Queues the "your second factor changed" email to the fiche's address, in the caller's transaction. */
export async function enqueueFactorChangeNotice(
  tx: Tx,
  deps: Deps,
  account: Account,
  change: SecondFactorChange,
  noneLeft: boolean,
): Promise<void> {
  await enqueueEmail(tx, deps, {
    to: account.email,
    accountId: account.id,
    kind: 'second-factor-changed',
    rendered: secondFactorChangedEmail.render(
      { name: accountDisplayName(account), change, noneLeft, publicUrl: deps.config.publicUrl },
      account.locale,
    ),
  });
}

/**
 * What follows the customer's removal of one factor, in its transaction: the recovery codes go
 * with the last factor only (passkeys or an app left keep them useful), then the audit event and
 * the email to the fiche's address. Returns whether no factor is left.
 */
export async function settleFactorRemoval(
  tx: Tx,
  deps: Deps,
  account: Account,
  meta: RequestMeta,
  removal: { action: AuditAction; details: Record<string, unknown>; change: SecondFactorChange },
): Promise<boolean> {
  const noneLeft = !hasAnyFactor(await getFactorState(tx, account.id));
  if (noneLeft) await deleteRecoveryCodes(tx, account.id);
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: 'customer', id: account.id },
    accountId: account.id,
    action: removal.action,
    ...meta,
    details: { ...removal.details, noneLeft },
  });
  await enqueueFactorChangeNotice(tx, deps, account, removal.change, noneLeft);
  return noneLeft;
}
