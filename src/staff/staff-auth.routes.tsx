import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { cookieName, cookieOptions } from '../platform/http/cookies.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { safeNextPath } from '../platform/http/safe-redirect.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { recordSignInOutcome } from '../platform/metrics.ts';
import { DEVICE_COOKIE_MAX_AGE_SECONDS } from '../sessions/device-cookie.ts';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import {
  clearStaffSessionCookie,
  requireStaff,
  setStaffSessionCookie,
  staffOnly,
  staffSessionCookie,
} from './core/staff-session.plugin.ts';
import { signOutStaff } from './core/staff-sessions.service.ts';
import { presentStaffUser, staffUserShape } from './staff.presenter.ts';
import { staffSignInSchema } from './staff.schemas.ts';
import { StaffLoginPage } from './staff-auth.pages.tsx';
import { signInStaff } from './staff-sign-in.service.ts';

const HOME = '/staff/accounts';

/** Staff sign-in and sign-out: pages and JSON routes over the same services. */
export async function staffAuthRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function attemptSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    input: z.output<typeof staffSignInSchema>,
  ) {
    const deviceCookie = cookieName(deps.config, 'staff_device');
    const result = await signInStaff(deps, input, request.meta, {
      previousToken: request.cookies[staffSessionCookie(deps)] ?? null,
      deviceToken: request.cookies[deviceCookie] ?? null,
    });
    recordSignInOutcome('staff', result.ok ? 'success' : result.reason);
    if (result.ok) {
      setStaffSessionCookie(deps, reply, result.token);
      reply.setCookie(
        deviceCookie,
        result.deviceToken,
        cookieOptions(deps.config, DEVICE_COOKIE_MAX_AGE_SECONDS),
      );
    }
    return result;
  }

  app.get('/staff', async (request, reply) => reply.redirect(request.staff ? HOME : '/staff/login', 303));

  app.get<{ Querystring: { next?: string; signedOut?: string; enrolled?: string } }>(
    '/staff/login',
    async (request, reply) => {
      const next = safeNextPath(request.query.next, HOME);
      if (request.staff) return reply.redirect(next, 303);
      const notice =
        request.query.enrolled !== undefined
          ? request.t('staff.login.enrolled')
          : request.query.signedOut !== undefined
            ? request.t('staff.login.signedOut')
            : undefined;
      return sendPage(
        reply,
        <StaffLoginPage
          ctx={staffPageContext(request)}
          form={{ values: {}, errors: [] }}
          next={next}
          notice={notice}
        />,
      );
    },
  );

  app.post<{ Body: Record<string, unknown>; Querystring: { next?: string } }>(
    '/staff/login',
    async (request, reply) => {
      const values = { email: typeof request.body.email === 'string' ? request.body.email : '' };
      // The form carries `next` as a field (the customer sign-in does the same); a query string still works.
      const next = safeNextPath(request.body.next ?? request.query.next, HOME);
      const parsed = staffSignInSchema.safeParse(request.body);
      const page = (status: number, error?: string, errors = fieldErrorsFromIssues([])) =>
        sendPage(
          reply,
          <StaffLoginPage
            ctx={staffPageContext(request)}
            form={{ values, errors }}
            next={next}
            error={error}
          />,
          status,
        );
      if (!parsed.success) return page(422, undefined, fieldErrorsFromIssues(parsed.error.issues));
      const result = await attemptSignIn(request, reply, parsed.data);
      if (result.ok) return reply.redirect(next, 303);
      if (result.reason === 'throttled') {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        reply.header('retry-after', String(seconds));
        return page(429, request.t('problem.too-many-requests', { seconds }));
      }
      return page(401, request.t('staff.login.invalid'));
    },
  );

  app.post('/staff/logout', async (request, reply) => {
    if (request.staff) await signOutStaff(deps, request.staff, request.meta);
    clearStaffSessionCookie(deps, reply);
    return reply.redirect('/staff/login?signedOut=1', 303);
  });

  // The language switch of back-office pages, under /staff so that it is checked against the staff session.
  app.post<{ Body: Record<string, unknown> }>('/staff/language', async (request, reply) => {
    const locale = request.body.locale === 'en' ? 'en' : 'fr';
    reply.setCookie(cookieName(deps.config, 'lang'), locale, cookieOptions(deps.config, 365 * 86_400));
    return reply.redirect(safeNextPath(request.body.next, HOME), 303);
  });

  api.post(
    '/api/v1/staff/auth/login',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff sign-in with password and TOTP code; sets the staff session cookie',
        body: staffSignInSchema,
        response: { 200: z.object({ staff: staffUserShape }), 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const result = await attemptSignIn(request, reply, request.body);
      if (result.ok) return { staff: presentStaffUser(result.user) };
      if (result.reason === 'throttled') throw tooManyRequests(result.retryAfterMs / 1000);
      throw new AppError('INVALID_CREDENTIALS');
    },
  );

  api.post(
    '/api/v1/staff/auth/logout',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff sign-out; revokes the session',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (request.staff) await signOutStaff(deps, request.staff, request.meta);
      clearStaffSessionCookie(deps, reply);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/staff/csrf',
    {
      schema: {
        tags: ['staff'],
        summary: 'A CSRF token bound to the staff session, for cookie-authenticated staff requests',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (request) => ({ token: request.csrfToken() }),
  );

  api.get(
    '/api/v1/staff/me',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'The signed-in staff member',
        response: { 200: z.object({ staff: staffUserShape }), 401: problemSchema },
      },
    },
    async (request) => ({ staff: presentStaffUser(requireStaff(request).user) }),
  );
}
