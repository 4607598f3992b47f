import type { AccountType } from '../../src/accounts/account.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { RecoveryStatus } from '../../src/recovery/case.ts';
import { upsertRecoveryChecklistItem } from '../../src/recovery/checklist.repository.ts';
import { insertRecoveryFlag } from '../../src/recovery/flags.repository.ts';
import { checklistItemsByType } from '../../src/recovery/review/checklist.ts';
import { createTestAccount } from './factories.ts';
import { seedRecoveryCase } from './recovery.ts';

/** Test helpers of the staff review: cases in review, ready (or nearly ready) for a decision. */

export const staffCaseUrl = (reference: string, rest = '') =>
  `/api/v1/staff/recovery/cases/${encodeURIComponent(reference)}${rest}`;

/**
 * A case of `accountType` in `status`, linked to a matching account, every checklist item verified
 * by `staffId` — so approval is allowed unless the options take something away.
 */
export async function seedReadyCase(
  deps: Deps,
  staffId: string,
  options: {
    accountType?: AccountType;
    status?: RecoveryStatus;
    withoutAccount?: boolean;
    unverifiedItem?: string;
    openFlag?: string;
  } = {},
) {
  const accountType = options.accountType ?? 'individual';
  const { account } = await createTestAccount(deps, {
    type: accountType,
    ...(accountType === 'company' ? { legalName: 'Atelier Morel SARL', siren: '732829320' } : {}),
    ...(accountType === 'association' ? { associationName: 'Les Amis du Canal' } : {}),
  } as never);
  const { recoveryCase } = await seedRecoveryCase(deps, {
    accountType,
    status: options.status ?? 'in_review',
    accountId: options.withoutAccount ? null : account.id,
    assignedStaffId: staffId,
    hints: { clientNumber: account.clientNumber },
  });
  await deps.db.transaction().execute(async (tx) => {
    for (const item of checklistItemsByType[accountType]) {
      await upsertRecoveryChecklistItem(tx, recoveryCase.id, {
        item,
        verified: item !== options.unverifiedItem,
        note: 'Vérifié sur pièce.',
        staffId,
        updatedAt: deps.clock.now(),
      });
    }
    if (options.openFlag) {
      await insertRecoveryFlag(tx, {
        caseId: recoveryCase.id,
        code: options.openFlag,
        details: {},
        raisedAt: deps.clock.now(),
      });
    }
  });
  return { recoveryCase, account };
}

/** Audit events of `action` about a case reference. */
export async function auditEventsFor(deps: Deps, action: string, reference: string) {
  const rows = await deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.filter((row) => (row.details as Record<string, unknown>).reference === reference);
}

/** The details of an audit row (empty when the row is missing, so the assertion fails on the value). */
export function detailsOf(row: { details: unknown } | undefined): Record<string, unknown> {
  return (row?.details ?? {}) as Record<string, unknown>;
}
