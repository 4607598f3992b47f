import { recordAuditEvent } from '../../audit/audit.service.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { type SessionTimeouts, sessionExpiry, TOUCH_INTERVAL_MS } from '../../sessions/session.ts';
import type { StaffSession, StaffUser } from './staff.ts';
import {
  getStaffSessionByTokenHash,
  revokeStaffSessionById,
  touchStaffSession,
} from './staff-sessions.repository.ts';
import { getStaffUserById } from './staff-users.repository.ts';

/** Staff sessions end sooner than customers': 15 min idle and 10 h absolute by default. */
export function staffSessionTimeouts(deps: Deps): SessionTimeouts {
  return {
    idleMs: deps.config.staffSessionIdleMinutes * 60_000,
    absoluteMs: deps.config.staffSessionAbsoluteHours * 3_600_000,
  };
}

export type AuthenticatedStaff = { user: StaffUser; session: StaffSession; csrfSecret: string };

/** The live staff session behind a cookie token, or null (unknown, revoked, idle, too old, or user disabled). */
export async function authenticateStaffSession(
  deps: Deps,
  token: string,
  meta: RequestMeta,
): Promise<AuthenticatedStaff | null> {
  const found = await getStaffSessionByTokenHash(deps.db, hashToken(token));
  if (!found) return null;
  const now = deps.clock.now();
  if (sessionExpiry(found.session, now, staffSessionTimeouts(deps))) return null;
  const user = await getStaffUserById(deps.db, found.session.staffUserId);
  // A disabled member is out at once, without waiting for their sessions to expire.
  if (!user || user.disabledAt) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchStaffSession(deps.db, found.session.id, now, {
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
  }
  return { user, session: found.session, csrfSecret: found.csrfSecret };
}

/** Ends the current staff session. */
export async function signOutStaff(deps: Deps, auth: AuthenticatedStaff, meta: RequestMeta): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await revokeStaffSessionById(tx, null, auth.session.id, deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: auth.user.id },
      accountId: null,
      action: 'staff.signout',
      ...meta,
      details: { sessionId: auth.session.id },
    });
  });
}
