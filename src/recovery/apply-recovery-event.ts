import type { Tx } from '../platform/db/database.ts';
import { nextRecoveryStatus, type RecoveryCase, type RecoveryEvent } from './case.ts';
import { type RecoveryCaseChanges, transitionRecoveryCase } from './cases.repository.ts';

/**
 * The single way to change a case's state. The next state comes from the transition table
 * (case.ts, diagram in case.md), never from the caller; the save is a compare-and-set on the state
 * the caller locked, so a case moved meanwhile is not moved twice. `changes` are the other fields the
 * transition sets (dates, decision, approvals). Null when the table has no `event` from the case's
 * state, or when the case was no longer in it: nothing is written, and the caller decides whether
 * that is a conflict. The caller writes the timeline entry and the audit event (case-events.ts).
 * @example const submitted = await applyRecoveryEvent(tx, locked, 'submit', { submitted_at: now });
 */
export async function applyRecoveryEvent(
  tx: Tx,
  lockedCase: Pick<RecoveryCase, 'id' | 'status'>,
  event: RecoveryEvent,
  changes: RecoveryCaseChanges,
): Promise<RecoveryCase | null> {
  const next = nextRecoveryStatus(lockedCase.status, event);
  if (next === null) return null;
  return transitionRecoveryCase(tx, lockedCase.id, lockedCase.status, next, changes);
}
