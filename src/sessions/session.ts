import Bowser from 'bowser';

/** A customer's signed-in session, as the customer sees it (never the token). */
export type Session = {
  id: string;
  accountId: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** How the session was authenticated (see second-factor/second-factor.ts): 'password', 'password+totp'… */
  authMethod: string;
};

export type SessionTimeouts = { idleMs: number; absoluteMs: number };

/** Why a session no longer counts, or null when it is still good. */
export function sessionExpiry(
  session: Pick<Session, 'lastSeenAt' | 'expiresAt'>,
  now: Date,
  timeouts: SessionTimeouts,
): 'idle' | 'absolute' | null {
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute';
  if (now.getTime() - session.lastSeenAt.getTime() >= timeouts.idleMs) return 'idle';
  return null;
}

/** last_seen_at is written at most once a minute, so that page views do not each cost a write. */
export const TOUCH_INTERVAL_MS = 60_000;

/** "Firefox 132 sur Linux" style description of a user agent, for the sessions list. */
export function describeDevice(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  const browser =
    [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ') || null;
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ') || null;
  return { browser, os };
}
