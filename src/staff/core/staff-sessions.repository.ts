import { sessionStore } from '../../sessions/session-store.repository.ts';

/**
 * All SQL of staff sessions: the shared session SQL (sessions/session-store.repository.ts) on the
 * `staff_sessions` table, under the back office's names. Tokens are stored only as SHA-256 hashes.
 */
export const {
  insert: insertStaffSession,
  getByTokenHash: getStaffSessionByTokenHash,
  touch: touchStaffSession,
  listActive: listActiveStaffSessions,
  revokeById: revokeStaffSessionById,
  revokeAllOf: revokeStaffSessionsOfUser,
  deleteEnded: deleteEndedStaffSessions,
} = sessionStore('staff');
