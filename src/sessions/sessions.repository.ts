import type { Account } from '../accounts/account.ts';
import { toAccount } from '../accounts/accounts.repository.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Session } from './session.ts';
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

/**
 * The unrevoked session with this token hash and its account, in one statement: every signed-in
 * request starts with it, so the join saves a round trip on each (null when either is gone).
 */
export async function getSessionAndAccountByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: Session; csrfSecret: string; account: Account } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('accounts')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_secret as session_csrf_secret',
      'sessions.ip as session_ip',
      'sessions.user_agent as session_user_agent',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at',
      'sessions.expires_at as session_expires_at',
      'sessions.auth_method as session_auth_method',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const {
    session_id,
    session_csrf_secret,
    session_ip,
    session_user_agent,
    session_created_at,
    session_last_seen_at,
    session_expires_at,
    session_auth_method,
    ...accountRow
  } = row;
  return {
    session: {
      id: session_id,
      accountId: accountRow.id,
      ip: session_ip,
      userAgent: session_user_agent,
      createdAt: session_created_at,
      lastSeenAt: session_last_seen_at,
      expiresAt: session_expires_at,
      authMethod: session_auth_method,
    },
    csrfSecret: session_csrf_secret,
    account: toAccount(accountRow),
  };
}
