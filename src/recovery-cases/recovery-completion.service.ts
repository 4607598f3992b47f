import { accountDisplayName } from '../accounts/account.ts';
import {
  getAccountCredentialsByEmail,
  lockAccountById,
  updateAccount,
} from '../accounts/accounts.repository.ts';
import {
  invalidateEmailChangeRequestsOfAccount,
  isUniqueViolation,
} from '../accounts/email-change.repository.ts';
import { issuePasswordResetLink } from '../password-reset/password-reset.service.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import type { Tx } from '../platform/db/database.ts';
import { type Deps, noRequestMeta, type RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { revokeSessionsOfAccount } from '../sessions/sessions.repository.ts';
import { recoveryApprovedEmail } from './emails/recovery-approved.email.ts';
import { recoveryCompletedNoticeEmail } from './emails/recovery-completed-notice.email.ts';
import { recoveryObjectionNoticeEmail } from './emails/recovery-objection-notice.email.ts';
import type { RecoveryCase } from './recovery-case.ts';
import {
  getRecoveryCaseById,
  listRecoveryCaseIdsDueForCompletion,
  lockRecoveryCaseById,
  transitionRecoveryCase,
  updateRecoveryCase,
} from './recovery-cases.repository.ts';
import { type RecoveryActor, recordRecoveryEvent } from './recovery-events.ts';
import { returnApprovedRecoveryCaseToReview } from './recovery-objection.service.ts';
import {
  isObjectionWindowOver,
  maskRecoveryEmail,
  OBJECTION_TOKEN_BYTES,
  objectionDeadlineFrom,
  recoveryObjectionLink,
} from './recovery-objection.ts';

type CompletionDeps = Pick<Deps, 'config' | 'clock' | 'masterKey'>;
const systemContext: Context = { actor: { type: 'system' }, meta: noRequestMeta };
type Context = { actor: RecoveryActor; meta: RequestMeta };

/**
 * Inside the approval transaction, right after the case became `approved` with an account linked:
 * sets the objection deadline (now + RECOVERY_OBJECTION_HOURS), records the previous address,
 * emails it a notice with a link to object, and with 0 hours completes the case at once.
 * Returns the case as it is after that (approved, completed, or in_review when completion was blocked).
 */
export async function openRecoveryObjectionWindow(
  tx: Tx,
  deps: CompletionDeps,
  recoveryCase: RecoveryCase,
  context: Context,
): Promise<RecoveryCase> {
  if (!recoveryCase.accountId || recoveryCase.status !== 'approved') throw new AppError('APPROVAL_BLOCKED');
  // Locked so that the address we warn is the one the completion will replace.
  const account = await lockAccountById(tx, recoveryCase.accountId);
  if (!account) throw new AppError('APPROVAL_BLOCKED');
  const now = deps.clock.now();
  const hours = deps.config.recoveryObjectionHours;
  const deadline = objectionDeadlineFrom(now, hours);
  const token = hours > 0 ? createRandomToken(OBJECTION_TOKEN_BYTES) : null;
  await updateRecoveryCase(tx, recoveryCase.id, {
    previous_email: account.email,
    objection_deadline: deadline,
    objection_token_hash: token ? hashToken(token) : null,
    updated_at: now,
  });
  await enqueueEmail(tx, deps, {
    to: recoveryCase.newEmail,
    accountId: null,
    kind: 'recovery-approved',
    rendered: recoveryApprovedEmail.render(
      { reference: recoveryCase.reference, effectiveAt: token ? deadline : null },
      recoveryCase.locale,
    ),
  });
  const opened = await getRecoveryCaseById(tx, recoveryCase.id);
  if (!opened) throw new Error('recovery case vanished inside its transaction');
  // No window: nothing to object to, the notice to the previous address goes with the completion.
  if (!token) return (await completeRecoveryCase(tx, deps, opened, context)).recoveryCase ?? opened;
  await enqueueEmail(tx, deps, {
    to: account.email,
    accountId: account.id,
    kind: 'recovery-objection-notice',
    rendered: recoveryObjectionNoticeEmail.render(
      {
        name: accountDisplayName(account),
        newEmailMasked: maskRecoveryEmail(recoveryCase.newEmail),
        effectiveAt: deadline,
        objectionLink: recoveryObjectionLink(deps.config.publicUrl, token),
      },
      account.locale,
    ),
  });
  return opened;
}

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
  context: Context,
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
  const completed = await transitionRecoveryCase(tx, locked.id, 'approved', 'completed', {
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
  const sessionsRevoked = await revokeSessionsOfAccount(tx, account.id, null, now);
  const emailChangesInvalidated = await invalidateEmailChangeRequestsOfAccount(tx, account.id, now);
  // Invalidates every earlier reset link (sent to the old address) and sends one to the new address.
  const { superseded } = await issuePasswordResetLink(tx, deps, swapped);
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
      sessionsRevoked,
      resetLinksInvalidated: superseded,
      emailChangesInvalidated,
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
  context: Context & { reason: 'email_taken' | 'account_missing' },
): Promise<RecoveryCase> {
  const reopened = await returnApprovedRecoveryCaseToReview(tx, deps, locked, {
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
