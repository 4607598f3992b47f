import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentAccount } from '../accounts/accounts.presenter.ts';
import { hashToken } from '../platform/crypto/tokens.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { safeNextPath } from '../platform/http/safe-redirect.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { recordSignInOutcome } from '../platform/metrics.ts';
import { customerSessionCookie, setCustomerSessionCookie } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { getFactorState, methodsFor } from './factor-state.ts';
import { completeSignInWithSecondFactor, type MfaInput } from './mfa-sign-in.service.ts';
import { clearPendingSignInCookie, readPendingSignInCookie } from './pending-sign-in-cookie.ts';
import { MfaPage } from './second-factor.pages.tsx';
import { getPendingSignInAccountId } from './second-factor.repository.ts';
import { mfaSchema } from './second-factor.schemas.ts';
import type { SecondFactorMethod } from './second-factor.ts';

/** The sign-in's second step: /login/mfa and POST /api/v1/auth/mfa, over the same service. */
export async function mfaSignInRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function attemptSecondFactor(request: FastifyRequest, reply: FastifyReply, input: MfaInput) {
    const result = await completeSignInWithSecondFactor(
      deps,
      readPendingSignInCookie(deps, request),
      input,
      request.meta,
      request.cookies[customerSessionCookie(deps)] ?? null,
    );
    recordSignInOutcome(
      'customer',
      result.ok ? 'success' : result.reason === 'throttled' ? 'throttled' : 'invalid_credentials',
    );
    if (result.ok) {
      clearPendingSignInCookie(deps, reply);
      setCustomerSessionCookie(deps, reply, result.token);
    }
    return result;
  }

  /** The factors of the pending sign-in's account (empty when there is no live pending sign-in). */
  async function pendingMethods(request: FastifyRequest): Promise<SecondFactorMethod[]> {
    const token = readPendingSignInCookie(deps, request);
    const accountId = token
      ? await getPendingSignInAccountId(deps.db, hashToken(token), deps.clock.now())
      : null;
    return accountId ? methodsFor(await getFactorState(deps.db, accountId)) : [];
  }

  /** The code the form asks for: the one chosen, else the app's when the account has one. */
  const methodOf = (value: unknown, methods: SecondFactorMethod[]): 'totp' | 'recovery_code' =>
    value === 'recovery_code' || (value !== 'totp' && !methods.includes('totp')) ? 'recovery_code' : 'totp';

  app.get<{ Querystring: { next?: string; method?: string } }>('/login/mfa', async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.customer) return reply.redirect(next, 303);
    const methods = await pendingMethods(request);
    if (methods.length === 0) return reply.redirect('/login', 303);
    const method = methodOf(request.query.method, methods);
    return sendPage(
      reply,
      <MfaPage
        ctx={pageContext(request)}
        form={{ values: {}, errors: [] }}
        methods={methods}
        method={method}
        next={next}
      />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/login/mfa', async (request, reply) => {
    const next = safeNextPath(request.body.next);
    const methods = await pendingMethods(request);
    const method = methodOf(request.body.method, methods);
    const render = (status: number, errors: ReturnType<typeof fieldErrorsFromIssues>, error?: string) =>
      sendPage(
        reply,
        <MfaPage
          ctx={pageContext(request)}
          form={{ values: {}, errors }}
          methods={methods}
          method={method}
          next={next}
          error={error}
        />,
        status,
      );
    const parsed = mfaSchema.safeParse({ ...request.body, method });
    if (!parsed.success) return render(422, fieldErrorsFromIssues(parsed.error.issues));
    const result = await attemptSecondFactor(request, reply, parsed.data);
    if (result.ok) return reply.redirect(next, 303);
    if (result.reason === 'no_pending_sign_in') {
      clearPendingSignInCookie(deps, reply);
      return reply.redirect('/login', 303);
    }
    if (result.reason === 'throttled') {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      reply.header('retry-after', String(seconds));
      return render(429, [], request.t('problem.too-many-requests', { seconds }));
    }
    return render(401, [{ field: 'code', code: 'invalid_code' }]);
  });

  api.post(
    '/api/v1/auth/mfa',
    {
      schema: {
        tags: ['customer'],
        summary: 'Complete a sign-in that asked for a second factor; sets the session cookie',
        body: mfaSchema,
        response: {
          200: z.object({ account: z.record(z.string(), z.unknown()) }),
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await attemptSecondFactor(request, reply, request.body);
      if (result.ok) return { account: presentAccount(result.account, deps) };
      if (result.reason === 'throttled') throw tooManyRequests(result.retryAfterMs / 1000);
      if (result.reason === 'no_pending_sign_in') throw new AppError('UNAUTHENTICATED');
      throw new AppError(
        'INVALID_CREDENTIALS',
        request.body.method === 'passkey' ? { errors: [{ field: 'passkey', code: 'passkey_refused' }] } : {},
      );
    },
  );
}
