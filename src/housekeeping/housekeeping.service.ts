import { deleteEndedEmailChangeRequests } from '../accounts/email-change.repository.ts';
import { deleteEndedPasswordResetTokens } from '../password-reset/password-reset.repository.ts';
import { DAY } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { deleteStaleThrottleStates } from '../platform/throttle/throttle.repository.ts';
import { deleteEndedChallenges } from '../second-factor/passkeys.repository.ts';
import { deleteEndedPendingSignIns } from '../second-factor/second-factor.repository.ts';
import { deleteEndedSessions } from '../sessions/sessions.repository.ts';
import { deleteEndedSingleSignOnRows } from '../sso/sso-housekeeping.ts';
import { deleteEndedStaffSessions } from '../staff/core/staff-sessions.repository.ts';

/**
 * Rows kept a week after they stop working: long enough to answer "was I signed in yesterday?"
 * from the database, no longer (the audit log is the lasting record, not these tables).
 */
export const ENDED_ROWS_KEPT_MS = 7 * DAY;
/** Throttle windows last at most an hour and blocks at most 15 minutes: a day-old row counts for nothing. */
export const THROTTLE_ROWS_KEPT_MS = DAY;

export type HousekeepingReport = {
  sessions: number;
  staffSessions: number;
  passwordResetTokens: number;
  emailChangeRequests: number;
  throttles: number;
  pendingSignIns: number;
  webauthnChallenges: number;
  /** Expired provider state, old back-channel notices and signing keys nothing verifies with any more. */
  singleSignOn: number;
};

/** Deletes ended sessions, used or expired tokens, pending sign-ins, WebAuthn challenges, stale throttle counters and ended single sign-on state; returns how many of each. */
export async function runHousekeeping(deps: Pick<Deps, 'db' | 'clock'>): Promise<HousekeepingReport> {
  const now = deps.clock.now().getTime();
  const endedBefore = new Date(now - ENDED_ROWS_KEPT_MS);
  return {
    sessions: await deleteEndedSessions(deps.db, endedBefore),
    staffSessions: await deleteEndedStaffSessions(deps.db, endedBefore),
    passwordResetTokens: await deleteEndedPasswordResetTokens(deps.db, endedBefore),
    emailChangeRequests: await deleteEndedEmailChangeRequests(deps.db, endedBefore),
    throttles: await deleteStaleThrottleStates(deps.db, new Date(now - THROTTLE_ROWS_KEPT_MS)),
    // Five-minute rows (pending sign-ins between password and factor, WebAuthn challenges): a day is plenty.
    pendingSignIns: await deleteEndedPendingSignIns(deps.db, new Date(now - DAY)),
    webauthnChallenges: await deleteEndedChallenges(deps.db, new Date(now - DAY)),
    singleSignOn: await deleteEndedSingleSignOnRows(deps.db, new Date(now)),
  };
}
