import type { Account } from '../accounts/account.ts';
import type { RecoveryCase, RecoveryChecklistEntry, RecoveryFlag } from './recovery-case.ts';
import { checklistItemsByType } from './recovery-case.ts';

/** Pure rules of the review: name comparison, which flags linking raises, what blocks approval. */

/**
 * A name reduced to what a human compares: accents, case, hyphens, apostrophes and repeated spaces
 * removed, so « Lefèvre-Dupont » and « LEFEVRE DUPONT » are the same name but « Lefebvre » is not.
 */
export function comparableName(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑‒–—'’`.\s]+/g, ' ')
    .trim();
}

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return comparableName(a) === comparableName(b);
}

/**
 * The person the claimant must be, per account type: the holder of an individual account, the
 * person named on a company's fiche (when the fiche names one); an association's fiche names no
 * person (the president is proven by the statutes), so there is nothing to compare automatically.
 */
export function fichePersonOf(account: Account): { firstName: string; lastName: string } | null {
  if (account.type === 'association') return null;
  if (!account.firstName && !account.lastName) return null;
  return { firstName: account.firstName ?? '', lastName: account.lastName ?? '' };
}

export type LinkFlag = { code: string; details: Record<string, unknown> };

/**
 * The automatic doubts raised when a case is linked to `account`. `hintMatches` and
 * `newEmailHolderIds` come from the repositories (the caller looks them up).
 */
export function flagsOnLinking(
  recoveryCase: Pick<RecoveryCase, 'accountType' | 'claimant'>,
  account: Account,
  facts: { hintMatches: boolean; newEmailHolderIds: readonly string[] },
): LinkFlag[] {
  const flags: LinkFlag[] = [];
  if (account.type !== recoveryCase.accountType) {
    flags.push({
      code: 'account_type_mismatch',
      details: { caseType: recoveryCase.accountType, accountType: account.type },
    });
  }
  if (!facts.hintMatches) flags.push({ code: 'account_hint_mismatch', details: {} });
  const person = fichePersonOf(account);
  if (
    person &&
    !(
      sameName(person.firstName, recoveryCase.claimant.firstName) &&
      sameName(person.lastName, recoveryCase.claimant.lastName)
    )
  ) {
    flags.push({
      code: 'claimant_name_mismatch',
      details: {
        claimant: `${recoveryCase.claimant.firstName} ${recoveryCase.claimant.lastName}`,
        fiche: `${person.firstName} ${person.lastName}`.trim(),
      },
    });
  }
  if (facts.newEmailHolderIds.some((id) => id !== account.id)) {
    flags.push({ code: 'new_email_in_use', details: {} });
  }
  return flags;
}

export type ChecklistView = {
  item: string;
  verified: boolean;
  note: string | null;
  staffId: string | null;
  updatedAt: Date | null;
};

/** Every item of the type's checklist, in order; items never touched are listed as unverified. */
export function checklistFor(
  recoveryCase: Pick<RecoveryCase, 'accountType'>,
  entries: readonly RecoveryChecklistEntry[],
): ChecklistView[] {
  const byItem = new Map(entries.map((e) => [e.item, e]));
  return checklistItemsByType[recoveryCase.accountType].map((item) => {
    const entry = byItem.get(item);
    return entry
      ? {
          item,
          verified: entry.verified,
          note: entry.note,
          staffId: entry.staffId,
          updatedAt: entry.updatedAt,
        }
      : { item, verified: false, note: null, staffId: null, updatedAt: null };
  });
}

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
