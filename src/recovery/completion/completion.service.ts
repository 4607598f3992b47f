import { accountDisplayName } from '../../accounts/account.ts';
import {
  getAccountCredentialsByEmail,
  lockAccountById,
  updateAccount,
} from '../../accounts/accounts.repository.ts';
import { isUniqueViolation } from '../../accounts/email-change.repository.ts';
import { issuePasswordResetLink } from '../../password-reset/password-reset.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, noRequestMeta, type RequestMeta } from '../../platform/deps.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { removeEverySecondFactor } from '../../second-factor/remove-second-factors.ts';
import { revokeAccountAccess } from '../../sessions/revoke-account-access.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import type { RecoveryCase } from '../case.ts';
import { type RecoveryActor, recordRecoveryEvent } from '../case-events.ts';
import { listRecoveryCaseIdsDueForCompletion } from '../case-schedule.repository.ts';
import { lockRecoveryCaseById } from '../cases.repository.ts';
import { recoveryCompletedNoticeEmail } from './emails/recovery-completed-notice.email.ts';
import { returnApprovedRecoveryCaseToReview } from './objection.service.ts';
import { isObjectionWindowOver, maskRecoveryEmail } from './objection.ts';

export type CompletionDeps = Pick<Deps, 'config' | 'clock' | 'masterKey'>;
const systemContext: CompletionContext = { actor: { type: 'system' }, meta: noRequestMeta };
export type CompletionContext = { actor: RecoveryActor; meta: RequestMeta };

export type RecoveryCompletion =
  | { ok: true; recoveryCase: RecoveryCase }
  | { ok: false; reason: 'not_approved'; recoveryCase: RecoveryCase | null }
  | { ok: false; reason: 'email_taken' | 'account_missing'; recoveryCase: RecoveryCase };

/**
 * approved → completed, inside the caller's transaction: the fiche takes the verified new email,
 * its password stops working, every session, reset link and email change dies, a reset link goes
 * to the new address and a notice to the previous one. When the new email became another fiche's
 * address meanwhile, the case goes back to review flagged instead. The caller decides the window
 * is over (or that there is none); this checks only the state, under the case's lock.
 */
export async function completeRecoveryCase(
  tx: Tx,
  deps: CompletionDeps,
  recoveryCase: Pick<RecoveryCase, 'id'>,
  context: CompletionContext,
): Promise<RecoveryCompletion> {
  // Locked first: an objection posted at the same instant waits here, then finds the case moved on.
  const locked = await lockRecoveryCaseById(tx, recoveryCase.id);
  if (locked?.status !== 'approved') return { ok: false, reason: 'not_approved', recoveryCase: locked };
  const account = locked.accountId ? await lockAccountById(tx, locked.accountId) : null;
  if (!account) {
    const reopened = await reopenRecoveryCase(tx, deps, locked, { ...context, reason: 'account_missing' });
    return { ok: false, reason: 'account_missing', recoveryCase: reopened };
  }
  const holder = await getAccountCredentialsByEmail(tx, locked.newEmailNormalized);
  if (holder && holder.account.id !== account.id) {
    const reopened = await reopenRecoveryCase(tx, deps, locked, { ...context, reason: 'email_taken' });
    return { ok: false, reason: 'email_taken', recoveryCase: reopened };
  }

  const now = deps.clock.now();
  const completed = await applyRecoveryEvent(tx, locked, 'complete', {
    closed_at: now,
    objection_token_hash: null,
    updated_at: now,
  });
  if (!completed) return { ok: false, reason: 'not_approved', recoveryCase: locked };
  const swapped = await updateAccount(tx, account.id, {
    email: locked.newEmail,
    email_normalized: locked.newEmailNormalized,
    // The claimant proved the mailbox with a code; support proved the person with documents.
    email_verified_at: now,
    // The old password may be known to whoever took the old mailbox: it stops working now, and
    // sign-in with a null hash does the same dummy work as for an unknown address.
    password_hash: null,
    updated_at: now,
  });
  // Every session, reset link (sent to the old address) and email change ends; then one reset link
  // goes to the new address: the « regeneration of access ».
  const revoked = await revokeAccountAccess(tx, account.id, { now });
  // The documents proved who the claimant is: a second factor they lost must not keep them out.
  const factors = await removeEverySecondFactor(tx, account.id, now);
  const factorsRemoved = factors.totp || factors.passkeys > 0 || factors.recoveryCodes > 0;
  await issuePasswordResetLink(tx, deps, swapped, {
    recovery: { reference: locked.reference, factorsRemoved },
  });
  if (account.email.toLowerCase() !== swapped.email.toLowerCase()) {
    await enqueueEmail(tx, deps, {
      to: account.email,
      accountId: account.id,
      kind: 'recovery-completed-notice',
      rendered: recoveryCompletedNoticeEmail.render(
        {
          name: accountDisplayName(account),
          newEmailMasked: maskRecoveryEmail(swapped.email),
          publicUrl: deps.config.publicUrl,
          factorsRemoved,
        },
        account.locale,
      ),
    });
  }
  await recordRecoveryEvent(tx, deps, completed, {
    ...context,
    action: 'recovery.completed',
    visibleToClaimant: true,
    details: {
      previousEmail: account.email,
      newEmail: swapped.email,
      signInReset: true,
      sessionsRevoked: revoked.sessions,
      resetLinksInvalidated: revoked.resetLinks,
      emailChangesInvalidated: revoked.emailChanges,
      applicationsSignedOut: revoked.applicationsSignedOut,
      totpRemoved: factors.totp,
      passkeysRemoved: factors.passkeys,
      unusedRecoveryEntriesRemoved: factors.recoveryCodes,
    },
  });
  return { ok: true, recoveryCase: completed };
}

/**
 * Completion impossible: approved → in_review (event `reopen`) with a 'completion_failed' flag, so
 * support looks again before anything changes; audited as 'recovery.completion_blocked'.
 */
async function reopenRecoveryCase(
  tx: Tx,
  deps: CompletionDeps,
  locked: RecoveryCase,
  context: CompletionContext & { reason: 'email_taken' | 'account_missing' },
): Promise<RecoveryCase> {
  const reopened = await returnApprovedRecoveryCaseToReview(tx, deps, locked, {
    event: 'reopen',
    flag: 'completion_failed',
    details: { reason: context.reason },
    // The pieces were fine; only the address must be sorted out (the flag says why).
    resetChecklist: false,
  });
  if (!reopened) throw new Error('a locked approved case could not be reopened');
  await recordRecoveryEvent(tx, deps, reopened, {
    actor: context.actor,
    meta: context.meta,
    action: 'recovery.completion_blocked',
    details: { reason: context.reason, flag: 'completion_failed' },
  });
  return reopened;
}

export type DueCompletionReport = { completed: number; blocked: number; failed: number };

/**
 * The worker's job: completes every approved case whose objection window is over, each in its own
 * transaction. Lock, re-check and compare-and-set: two workers never complete a case twice.
 */
export async function completeDueRecoveryCases(
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey' | 'db' | 'log'>,
): Promise<DueCompletionReport> {
  const report: DueCompletionReport = { completed: 0, blocked: 0, failed: 0 };
  for (const id of await listRecoveryCaseIdsDueForCompletion(deps.db, deps.clock.now())) {
    try {
      const outcome = await completeDueRecoveryCase(deps, id).catch((error: unknown) => {
        // Another fiche took the address between our check and our write: the unique index refused
        // it and rolled everything back. Once more, the check now sees that fiche and reopens the case.
        if (isUniqueViolation(error)) return completeDueRecoveryCase(deps, id);
        throw error;
      });
      if (outcome?.ok) report.completed += 1;
      else if (outcome && outcome.reason !== 'not_approved') report.blocked += 1;
    } catch (error) {
      report.failed += 1;
      deps.log.error({ err: error, caseId: id }, 'recovery completion failed');
    }
  }
  return report;
}

async function completeDueRecoveryCase(
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey' | 'db'>,
  id: string,
): Promise<RecoveryCompletion | null> {
  return deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, id);
    // Re-checked under the lock: an objection may have won since the list was read.
    if (!locked || !isObjectionWindowOver(locked, deps.clock.now())) return null;
    return completeRecoveryCase(tx, deps, locked, systemContext);
  });
}
