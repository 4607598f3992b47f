import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentAccount } from '../accounts/accounts.presenter.ts';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { cookieName, cookieOptions } from '../platform/http/cookies.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { safeNextPath } from '../platform/http/safe-redirect.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { recordSignInOutcome } from '../platform/metrics.ts';
import { setPendingSignInCookie } from '../second-factor/pending-sign-in-cookie.ts';
import { PROVIDER_SESSION_COOKIE } from '../sso/oidc-provider.ts';
import { sendPage } from '../views/render.ts';
import { DEVICE_COOKIE_MAX_AGE_SECONDS } from './device-cookie.ts';
import { revokeOtherSessions } from './revoke-other-sessions.service.ts';
import {
  clearCustomerSessionCookie,
  customerOnly,
  customerSessionCookie,
  requireCustomer,
  setCustomerSessionCookie,
} from './session-auth.plugin.ts';
import { LoginPage, SessionsPage } from './sessions.pages.tsx';
import { sessionIdParams, signInSchema } from './sessions.schemas.ts';
import { listSessions, revokeSession, signIn, signOut } from './sessions.service.ts';

/** Sign-in, sign-out and the sessions list: pages and JSON routes over the same services. */
export async function sessionsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deviceCookie = cookieName(deps.config, 'device');

  async function attemptSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { email: string; password: string },
  ) {
    const result = await signIn(deps, input, request.meta, {
      previousToken: request.cookies[customerSessionCookie(deps)] ?? null,
      deviceToken: request.cookies[deviceCookie] ?? null,
    });
    recordSignInOutcome('customer', result.ok ? 'success' : result.reason);
    if (!result.ok && result.reason === 'mfa_required') {
      // Not a session: the pending cookie only lets /login/mfa and /api/v1/auth/mfa finish the sign-in.
      setPendingSignInCookie(deps, reply, result.pendingToken);
    }
    if (result.ok || result.reason === 'mfa_required') {
      if (result.ok) setCustomerSessionCookie(deps, reply, result.token);
      reply.setCookie(
        deviceCookie,
        result.deviceToken,
        cookieOptions(deps.config, DEVICE_COOKIE_MAX_AGE_SECONDS),
      );
    }
    return result;
  }

  app.get('/', async (request, reply) => reply.redirect(request.customer ? '/account' : '/login', 303));

  app.get<{ Querystring: { next?: string; signedOut?: string } }>('/login', async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.customer) return reply.redirect(next, 303);
    const notice = request.query.signedOut !== undefined ? request.t('login.signedOut') : undefined;
    return sendPage(
      reply,
      <LoginPage ctx={pageContext(request)} form={{ values: {}, errors: [] }} next={next} notice={notice} />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/login', async (request, reply) => {
    const next = safeNextPath(request.body.next);
    const values = { email: typeof request.body.email === 'string' ? request.body.email : '' };
    const parsed = signInSchema.safeParse(request.body);
    if (!parsed.success) {
      const form = { values, errors: fieldErrorsFromIssues(parsed.error.issues) };
      return sendPage(reply, <LoginPage ctx={pageContext(request)} form={form} next={next} />, 422);
    }
    const result = await attemptSignIn(request, reply, parsed.data);
    // MFA_REQUIRED: a sign-in without a factor leads to enrolment first (put off until the deadline).
    if (result.ok && result.enrolment)
      return reply.redirect(`/account/security?enrol=1&next=${encodeURIComponent(next)}`, 303);
    if (result.ok) return reply.redirect(next, 303);
    if (result.reason === 'mfa_required')
      return reply.redirect(`/login/mfa?next=${encodeURIComponent(next)}`, 303);
    if (result.reason === 'throttled') {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      reply.header('retry-after', String(seconds));
      const error = request.t('problem.too-many-requests', { seconds });
      return sendPage(
        reply,
        <LoginPage ctx={pageContext(request)} form={{ values, errors: [] }} next={next} error={error} />,
        429,
      );
    }
    const error = request.t('problem.invalid-credentials');
    return sendPage(
      reply,
      <LoginPage ctx={pageContext(request)} form={{ values, errors: [] }} next={next} error={error} />,
      401,
    );
  });

  api.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['customer'],
        summary: 'Sign in; sets the customer session cookie',
        body: signInSchema,
        response: {
          200: z.union([
            z.object({
              account: z.record(z.string(), z.unknown()),
              // MFA_REQUIRED: the account has no factor yet; after `deadline` only enrolment is allowed.
              mfaEnrolment: z.object({ deadline: z.string(), overdue: z.boolean() }).optional(),
            }),
            z.object({
              mfaRequired: z.literal(true),
              methods: z.array(z.enum(['passkey', 'totp', 'recovery_code'])),
            }),
          ]),
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await attemptSignIn(request, reply, request.body);
      if (result.ok)
        return {
          account: presentAccount(result.account, deps),
          ...(result.enrolment
            ? {
                mfaEnrolment: {
                  deadline: result.enrolment.deadline.toISOString(),
                  overdue: result.enrolment.overdue,
                },
              }
            : {}),
        };
      if (result.reason === 'mfa_required') return { mfaRequired: true as const, methods: result.methods };
      if (result.reason === 'throttled') throw tooManyRequests(result.retryAfterMs / 1000);
      throw new AppError('INVALID_CREDENTIALS');
    },
  );

  app.post('/logout', async (request, reply) => {
    if (request.customer) {
      await signOut(
        deps,
        {
          accountId: request.customer.account.id,
          sessionId: request.customer.session.id,
          providerSessionId: request.cookies[PROVIDER_SESSION_COOKIE],
        },
        request.meta,
      );
    }
    clearCustomerSessionCookie(deps, reply);
    return reply.redirect('/login?signedOut=1', 303);
  });

  api.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['customer'], summary: 'Sign out; revokes the session', response: { 204: noContent } },
    },
    async (request, reply) => {
      if (request.customer) {
        await signOut(
          deps,
          { accountId: request.customer.account.id, sessionId: request.customer.session.id },
          request.meta,
        );
      }
      clearCustomerSessionCookie(deps, reply);
      return reply.code(204).send(null);
    },
  );

  app.get<{ Querystring: { revoked?: string; revokedOthers?: string } }>(
    '/account/sessions',
    async (request, reply) => {
      const auth = requireCustomer(request);
      const sessions = await listSessions(deps, auth.account.id);
      const notice =
        request.query.revokedOthers !== undefined
          ? request.t('sessions.revokedOthers')
          : request.query.revoked !== undefined
            ? request.t('sessions.revoked')
            : undefined;
      return sendPage(
        reply,
        <SessionsPage
          ctx={pageContext(request)}
          sessions={sessions}
          currentId={auth.session.id}
          notice={notice}
        />,
      );
    },
  );

  app.post('/account/sessions/revoke-others', async (request, reply) => {
    await revokeOtherSessions(deps, otherSessionsOf(request), request.meta);
    return reply.redirect('/account/sessions?revokedOthers=1', 303);
  });

  app.post<{ Params: { id: string } }>('/account/sessions/:id/revoke', async (request, reply) => {
    const auth = requireCustomer(request);
    const { id } = sessionIdParams.parse(request.params);
    await revokeSession(deps, auth.account.id, id, request.meta);
    return reply.redirect('/account/sessions?revoked=1', 303);
  });

  const sessionShape = z.object({
    id: z.string(),
    current: z.boolean(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    authMethod: z.string(),
  });

  api.get(
    '/api/v1/account/sessions',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'List the live sessions of the signed-in customer',
        response: { 200: z.object({ sessions: z.array(sessionShape) }), 401: problemSchema },
      },
    },
    async (request) => {
      const auth = requireCustomer(request);
      const sessions = await listSessions(deps, auth.account.id);
      return {
        sessions: sessions.map((s) => ({
          id: s.id,
          current: s.id === auth.session.id,
          ip: s.ip,
          userAgent: s.userAgent,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          authMethod: s.authMethod,
        })),
      };
    },
  );

  api.delete(
    '/api/v1/account/sessions/:id',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Revoke one of the customer’s sessions',
        params: sessionIdParams,
        response: { 204: noContent, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const auth = requireCustomer(request);
      await revokeSession(deps, auth.account.id, request.params.id, request.meta);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/account/sessions/revoke-others',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Sign out every session of the customer but the current one',
        response: { 204: noContent, 401: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeOtherSessions(deps, otherSessionsOf(request), request.meta);
      return reply.code(204).send(null);
    },
  );
}

/** The session to keep (this one) and this browser's single sign-on session, which stays with it. */
function otherSessionsOf(request: FastifyRequest) {
  const auth = requireCustomer(request);
  return {
    accountId: auth.account.id,
    sessionId: auth.session.id,
    providerSessionId: request.cookies[PROVIDER_SESSION_COOKIE],
  };
}
