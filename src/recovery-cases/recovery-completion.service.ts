import type { Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import type { RecoveryCase } from './recovery-case.ts';
import type { RecoveryActor } from './recovery-events.ts';

// STUB — to be replaced by the completion work (contract only).

/**
 * Inside the approval transaction, right after the case became `approved` with an account linked:
 * sets the objection deadline (now + RECOVERY_OBJECTION_HOURS), records the previous address,
 * emails it a notice with a link to object, and with 0 hours completes the case at once.
 * Returns the case as it is after that (approved or completed).
 */
export async function openRecoveryObjectionWindow(
  _tx: Tx,
  _deps: Deps,
  _recoveryCase: RecoveryCase,
  _context: { actor: RecoveryActor; meta: RequestMeta },
): Promise<RecoveryCase> {
  throw new Error('not implemented');
}
