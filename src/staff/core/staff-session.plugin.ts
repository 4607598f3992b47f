import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../../platform/deps.ts';
import { cookieName, cookieOptions } from '../../platform/http/cookies.ts';
import { AppError } from '../../platform/http/errors.ts';
import { negotiateLocale, translator } from '../../views/i18n/index.ts';
import { assertStaffCan, type StaffAction } from './permissions.ts';
import { type AuthenticatedStaff, authenticateStaffSession } from './staff-sessions.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member on /staff and /api/v1/staff routes, or null (always null elsewhere). */
    staff: AuthenticatedStaff | null;
  }
}

/** True for the back office and the staff API: the only places where the staff cookie counts. */
export function isStaffPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/staff' || path.startsWith('/staff/') || path.startsWith('/api/v1/staff/');
}

export function staffSessionCookie(deps: Deps): string {
  return cookieName(deps.config, 'staff_session');
}

export function setStaffSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  // No Max-Age: the server decides when the session ends, and closing the browser ends it too.
  reply.setCookie(staffSessionCookie(deps), token, cookieOptions(deps.config));
}

export function clearStaffSessionCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(staffSessionCookie(deps), cookieOptions(deps.config));
}

/** The signed-in staff member, or UNAUTHENTICATED. */
export function requireStaff(request: FastifyRequest): AuthenticatedStaff {
  if (!request.staff) throw new AppError('UNAUTHENTICATED');
  return request.staff;
}

/** The signed-in staff member if their role allows `action`; 401 or 403 otherwise. */
export function requireStaffPermission(request: FastifyRequest, action: StaffAction): AuthenticatedStaff {
  const staff = requireStaff(request);
  assertStaffCan(staff.user.role, action);
  return staff;
}

/** Route hook for the staff API: authentication before CSRF and validation. */
export async function staffOnly(request: FastifyRequest): Promise<void> {
  requireStaff(request);
}

/**
 * Staff and customer cookies can both be present in one browser (an agent testing their own
 * customer account). The rule is by path, decided once here: on /staff and /api/v1/staff only the
 * staff session counts — the customer identity, its CSRF secret and its saved language are set
 * aside — and everywhere else the staff cookie is never read. So neither cookie ever authenticates
 * on the other side, and the CSRF check uses the secret of the session that authenticates.
 * Registered after the customer session plugin, so this hook runs after it.
 */
async function staffSessionPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  const name = staffSessionCookie(deps);
  const langCookie = cookieName(deps.config, 'lang');
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request) => {
    if (!isStaffPath(request.url)) return;
    request.customer = null;
    request.signedInAs = null;
    request.csrfSessionSecret = null;
    request.locale = negotiateLocale(request.cookies[langCookie], request.headers['accept-language']);
    request.t = translator(request.locale);
    const token = request.cookies[name];
    if (!token || token.length > 100) return;
    const auth = await authenticateStaffSession(deps, token, request.meta);
    if (!auth) return;
    request.staff = auth;
    request.csrfSessionSecret = auth.csrfSecret;
  });
}

export default fp(staffSessionPlugin, {
  name: 'staff-session',
  dependencies: ['request-context', 'csrf', 'customer-session'],
});

/** Route hook for back-office pages: a GET without a staff session goes to the staff sign-in and comes back. */
export async function staffPageOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.staff) return;
  if (request.method !== 'GET') throw new AppError('UNAUTHENTICATED');
  await reply.redirect(`/staff/login?next=${encodeURIComponent(request.url)}`, 303);
}
