import type { RecoveryCase, RecoveryChecklistEntry } from '../case.ts';
import type { RecoveryFlag } from '../flags.ts';
import { checklistFor } from './checklist.ts';

/** Where approval is blocked: the one list of reasons a case cannot be approved yet. */

export type ApprovalBlocker =
  | { kind: 'checklist'; item: string }
  | { kind: 'flag'; code: string; id: string }
  | { kind: 'no_account' }
  | { kind: 'checks_pending' };

/**
 * Why the case cannot be approved yet; empty when nothing blocks. Automatic document checks that
 * were asked for and have not run yet block too: their flags would otherwise arrive after approval.
 */
export function approvalBlockers(
  recoveryCase: Pick<RecoveryCase, 'accountType' | 'accountId'>,
  entries: readonly RecoveryChecklistEntry[],
  flags: readonly RecoveryFlag[],
  checksPending: boolean,
): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  if (!recoveryCase.accountId) blockers.push({ kind: 'no_account' });
  if (checksPending) blockers.push({ kind: 'checks_pending' });
  for (const item of checklistFor(recoveryCase, entries)) {
    if (!item.verified) blockers.push({ kind: 'checklist', item: item.item });
  }
  for (const flag of flags) {
    if (!flag.resolvedAt) blockers.push({ kind: 'flag', code: flag.code, id: flag.id });
  }
  return blockers;
}
