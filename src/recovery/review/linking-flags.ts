import type { Account } from '../../accounts/account.ts';
import type { RecoveryCase } from '../case.ts';
import { fichePersonOf, sameName } from '../person-names.ts';

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
