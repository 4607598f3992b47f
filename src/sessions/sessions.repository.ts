import { sessionStore } from './session-store.repository.ts';

/**
 * All SQL of customer sessions: the shared session SQL (session-store.repository.ts) on the
 * `sessions` table, under the names the customer side uses. Tokens are stored only as SHA-256 hashes.
 */
export const {
  insert: insertSession,
  getByTokenHash: getSessionByTokenHash,
  touch: touchSession,
  listActive: listActiveSessionsByAccount,
  revokeById: revokeSessionById,
  revokeAllOf: revokeSessionsOfAccount,
  deleteEnded: deleteEndedSessions,
} = sessionStore('customer');
