import { accountDisplayName } from '../../accounts/account.ts';
import { lockAccountById } from '../../accounts/accounts.repository.ts';
import { createRandomToken, hashToken } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import type { RecoveryCase } from '../case.ts';
import { getRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { type CompletionContext, type CompletionDeps, completeRecoveryCase } from './completion.service.ts';
import { recoveryApprovedEmail } from './emails/recovery-approved.email.ts';
import { recoveryObjectionNoticeEmail } from './emails/recovery-objection-notice.email.ts';
import {
  maskRecoveryEmail,
  OBJECTION_TOKEN_BYTES,
  objectionDeadlineFrom,
  recoveryObjectionLink,
} from './objection.ts';

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
  context: CompletionContext,
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
