import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentAccount } from '../accounts/accounts.presenter.ts';
import { hashToken } from '../platform/crypto/tokens.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { recordSignInOutcome } from '../platform/metrics.ts';
import { customerSessionCookie, setCustomerSessionCookie } from '../sessions/session-auth.plugin.ts';
import { signInWithPasskey } from './passkey-sign-in.service.ts';
import { passkeyAuthenticationOptions } from './passkeys.service.ts';
import { readPendingSignInCookie } from './pending-sign-in-cookie.ts';
import { getPendingSignInAccountId } from './second-factor.repository.ts';
import { authenticationResponseSchema } from './second-factor.schemas.ts';

// Each call stores a challenge: capped per instance so nobody fills the table (rows expire in 5 min).
const optionsRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const optionsResponse = z.object({ options: z.record(z.string(), z.unknown()) });

/** Passkey ceremonies of sign-in: password-less, and as the second factor of a pending sign-in. */
export async function passkeySignInRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/auth/passkey/options',
    {
      config: optionsRateLimit,
      schema: {
        tags: ['customer'],
        summary: 'Options for signing in with a passkey alone (discoverable credential, user verification)',
        response: { 200: optionsResponse, 429: problemSchema },
      },
    },
    async () => ({ options: { ...(await passkeyAuthenticationOptions(deps, 'passwordless', null)) } }),
  );

  api.post(
    '/api/v1/auth/passkey',
    {
      schema: {
        tags: ['customer'],
        summary: 'Sign in with a passkey (the answer to /auth/passkey/options); sets the session cookie',
        body: z.object({ response: authenticationResponseSchema }),
        response: {
          200: z.object({ account: z.record(z.string(), z.unknown()) }),
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await signInWithPasskey(
        deps,
        request.body.response,
        request.meta,
        request.cookies[customerSessionCookie(deps)] ?? null,
      );
      recordSignInOutcome(
        'customer',
        result.ok ? 'success' : result.reason === 'throttled' ? 'throttled' : 'invalid_credentials',
      );
      if (result.ok) {
        setCustomerSessionCookie(deps, reply, result.token);
        return { account: presentAccount(result.account, deps) };
      }
      if (result.reason === 'throttled') throw tooManyRequests(result.retryAfterMs / 1000);
      throw new AppError('INVALID_CREDENTIALS', { errors: [{ field: 'passkey', code: 'passkey_refused' }] });
    },
  );

  api.post(
    '/api/v1/auth/mfa/passkey-options',
    {
      config: optionsRateLimit,
      schema: {
        tags: ['customer'],
        summary: "Options for completing a pending sign-in with one of the account's passkeys",
        response: { 200: optionsResponse, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const token = readPendingSignInCookie(deps, request);
      const accountId = token
        ? await getPendingSignInAccountId(deps.db, hashToken(token), deps.clock.now())
        : null;
      if (!accountId) throw new AppError('UNAUTHENTICATED');
      return { options: { ...(await passkeyAuthenticationOptions(deps, 'second_factor', accountId)) } };
    },
  );
}
