import type { AccountType } from '../../src/accounts/account.ts';
import { createRandomToken, hashToken } from '../../src/platform/crypto/tokens.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { RecoveryCase, RecoveryStatus } from '../../src/recovery/case.ts';
import {
  getRecoveryCaseById,
  insertRecoveryCase,
  updateRecoveryCase,
} from '../../src/recovery/cases.repository.ts';

let counter = 0;

/**
 * A recovery case written straight to the database in `status` (no documents), with its new email
 * verified and the declaration recorded when the status is past draft. For tests of later stages;
 * the claimant journey itself is tested through its routes.
 */
export async function seedRecoveryCase(
  deps: Pick<Deps, 'db' | 'clock'>,
  options: {
    accountType?: AccountType;
    status?: RecoveryStatus;
    newEmail?: string;
    accountId?: string | null;
    assignedStaffId?: string | null;
    claimant?: Partial<RecoveryCase['claimant']>;
    hints?: Partial<RecoveryCase['hints']>;
  } = {},
): Promise<{ recoveryCase: RecoveryCase; caseToken: string }> {
  counter += 1;
  const now = deps.clock.now();
  const caseToken = createRandomToken();
  const status = options.status ?? 'submitted';
  const newEmail = options.newEmail ?? `nouvelle${counter}-${Date.now()}@example.net`;
  const id = await deps.db.transaction().execute(async (tx) => {
    const created = await insertRecoveryCase(tx, {
      id: crypto.randomUUID(),
      reference: `T-${String(counter).padStart(4, '0')}-${Date.now().toString(36).toUpperCase()}`,
      caseTokenHash: hashToken(caseToken),
      accountType: options.accountType ?? 'individual',
      locale: 'fr',
      hints: { clientNumber: null, domain: null, formerEmail: null, ...options.hints },
      claimant: {
        firstName: 'Jeanne',
        lastName: 'Lefèvre',
        legalName: null,
        siren: null,
        associationName: null,
        ...options.claimant,
      },
      newEmail,
      newEmailNormalized: newEmail.toLowerCase(),
      now,
    });
    const pastDraft = status !== 'draft';
    await tx.updateTable('recovery_cases').set({ status }).where('id', '=', created.id).execute();
    await updateRecoveryCase(tx, created.id, {
      new_email_verified_at: pastDraft ? now : null,
      declaration_full_name: pastDraft ? 'Jeanne Lefèvre' : null,
      declaration_accepted_at: pastDraft ? now : null,
      declaration_ip: pastDraft ? '127.0.0.1' : null,
      submitted_at: pastDraft ? now : null,
      account_id: options.accountId ?? null,
      assigned_staff_id: options.assignedStaffId ?? null,
    });
    return created.id;
  });
  const recoveryCase = await getRecoveryCaseById(deps.db, id);
  if (!recoveryCase) throw new Error('seeded case vanished');
  return { recoveryCase, caseToken };
}
