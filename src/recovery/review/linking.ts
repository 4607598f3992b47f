import type { Account } from '../../accounts/account.ts';
import { normalizeEmail } from '../../accounts/account.ts';
import {
  findAccountIdsByEmail,
  getAccountIdByClientNumber,
} from '../../accounts/account-search.repository.ts';
import { getAccountById } from '../../accounts/accounts.repository.ts';
import { findAccountIdsByDomain } from '../../accounts/services.repository.ts';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import type { RecoveryCase } from '../case.ts';
import { type RecoveryActor, recordRecoveryEvent } from '../case-events.ts';
import { insertRecoveryFlag, listRecoveryFlags } from '../flags.repository.ts';
import { flagsOnLinking } from './linking-flags.ts';

/** What the claimant's hints point at: account ids per hint (client number, domain, former email). */
export async function accountIdsFromHints(
  db: DbOrTx,
  hints: RecoveryCase['hints'],
): Promise<{ clientNumber: string[]; domain: string[]; formerEmail: string[] }> {
  const byClientNumber = hints.clientNumber ? await getAccountIdByClientNumber(db, hints.clientNumber) : null;
  const byDomain = hints.domain ? await findAccountIdsByDomain(db, hints.domain) : [];
  const former = hints.formerEmail ? normalizeEmail(hints.formerEmail) : null;
  const byEmail = former?.ok ? await findAccountIdsByEmail(db, former.normalized) : [];
  return { clientNumber: byClientNumber ? [byClientNumber] : [], domain: byDomain, formerEmail: byEmail };
}

/** Accounts the hints point at, each with the hints that name it; for the reviewer's suggestions. */
export async function suggestAccountsForCase(
  db: DbOrTx,
  recoveryCase: Pick<RecoveryCase, 'hints'>,
): Promise<{ account: Account; matchedBy: string[] }[]> {
  const ids = await accountIdsFromHints(db, recoveryCase.hints);
  const matches = new Map<string, string[]>();
  for (const [hint, accountIds] of Object.entries(ids)) {
    for (const id of accountIds) matches.set(id, [...(matches.get(id) ?? []), hint]);
  }
  const suggestions: { account: Account; matchedBy: string[] }[] = [];
  // Small: hints name at most a handful of accounts.
  for (const [id, matchedBy] of matches) {
    const account = await getAccountById(db, id);
    if (account) suggestions.push({ account, matchedBy });
  }
  return suggestions;
}

/**
 * Inside the linking transaction: raises each automatic doubt about `account` as a flag with its
 * timeline entry and audit event. A doubt already open for the same account is not raised twice.
 */
export async function raiseFlagsOnLinking(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  recoveryCase: RecoveryCase,
  account: Account,
  context: { actor: RecoveryActor; meta: RequestMeta },
): Promise<void> {
  const ids = await accountIdsFromHints(tx, recoveryCase.hints);
  const hintMatches = [...ids.clientNumber, ...ids.domain, ...ids.formerEmail].includes(account.id);
  const newEmailHolderIds = await findAccountIdsByEmail(tx, recoveryCase.newEmailNormalized);
  const open = (await listRecoveryFlags(tx, recoveryCase.id)).filter((f) => f.resolvedAt === null);
  for (const flag of flagsOnLinking(recoveryCase, account, { hintMatches, newEmailHolderIds })) {
    const alreadyOpen = open.some((f) => f.code === flag.code && f.details.accountId === account.id);
    if (alreadyOpen) continue;
    const raised = await insertRecoveryFlag(tx, {
      caseId: recoveryCase.id,
      code: flag.code,
      details: { ...flag.details, accountId: account.id },
      raisedAt: deps.clock.now(),
    });
    await recordRecoveryEvent(tx, deps, recoveryCase, {
      actor: { type: 'system' },
      action: 'recovery.flag_raised',
      meta: context.meta,
      details: { flag: flag.code, flagId: raised.id },
    });
  }
}
