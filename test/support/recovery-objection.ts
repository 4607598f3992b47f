import { noRequestMeta } from '../../src/platform/deps.ts';
import type { RecoveryCase } from '../../src/recovery/case.ts';
import { getRecoveryCaseById } from '../../src/recovery/cases.repository.ts';
import { openRecoveryObjectionWindow } from '../../src/recovery/completion/objection-window.ts';
import { createTestAccount } from './factories.ts';
import { queuedEmails, tokenFromLink } from './queued-emails.ts';
import { seedRecoveryCase } from './recovery.ts';
import type { TestApp } from './test-app.ts';

/** Test helpers of the objection window and completion (not a test file itself). */

let counter = 0;
export const freshRecoveryAddress = () => `reprise-${++counter}-${Date.now()}@exemple.net`;

/**
 * A customer account and a recovery case for it, approved the way the staff decision does it: the
 * case is moved to `approved`, then the objection window is opened in the same transaction.
 */
export async function approvedRecoveryCase(
  t: TestApp,
  options: { newEmail?: string; account?: Parameters<typeof createTestAccount>[1] } = {},
) {
  const { account, password } = await createTestAccount(t.deps, options.account);
  const newEmail = options.newEmail ?? freshRecoveryAddress();
  const { recoveryCase: seeded } = await seedRecoveryCase(t.deps, {
    status: 'approved',
    accountId: account.id,
    newEmail,
  });
  const recoveryCase = await t.deps.db
    .transaction()
    .execute((tx) =>
      openRecoveryObjectionWindow(tx, t.deps, seeded, { actor: { type: 'system' }, meta: noRequestMeta }),
    );
  return { account, password, newEmail, recoveryCase };
}

export async function reloadRecoveryCase(t: TestApp, id: string): Promise<RecoveryCase> {
  const found = await getRecoveryCaseById(t.deps.db, id);
  if (!found) throw new Error('no such case');
  return found;
}

/** The token of the objection link last emailed to `previousEmail`. */
export async function objectionTokenSentTo(t: TestApp, previousEmail: string): Promise<string> {
  const emails = await queuedEmails(t, { to: previousEmail, kind: 'recovery-objection-notice' });
  return tokenFromLink(emails.at(-1)?.text ?? '');
}

/** Audit events of one action, oldest first (optionally of one account). */
export async function auditEventsOf(t: TestApp, action: string, accountId?: string) {
  let query = t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (accountId) query = query.where('account_id', '=', accountId);
  return query.orderBy('seq').execute();
}

/** The automatic flags of a case. */
export async function flagsOf(t: TestApp, caseId: string) {
  return t.deps.db.selectFrom('recovery_flags').selectAll().where('case_id', '=', caseId).execute();
}
