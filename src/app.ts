import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accountsRoutes } from './accounts/accounts.routes.tsx';
import { emailChangeRoutes } from './accounts/email-change.routes.tsx';
import { languageRoutes } from './accounts/language.routes.ts';
import { passwordChangeRoutes } from './accounts/password-change.routes.tsx';
import passwordPolicyRoutes from './accounts/password-policy.routes.ts';
import { adminApiRoutes } from './admin-api/admin.routes.ts';
import { passwordResetRoutes } from './password-reset/password-reset.routes.tsx';
import { configureArgon2Limits } from './platform/crypto/argon2-queue.ts';
import type { Deps } from './platform/deps.ts';
import { MAX_DOCUMENT_BYTES } from './platform/files/limits.ts';
import cacheControl from './platform/http/cache-control.ts';
import csrf from './platform/http/csrf.ts';
import { registerErrorHandlers } from './platform/http/error-handler.tsx';
import { tooManyRequests } from './platform/http/errors.ts';
import inputCharacters from './platform/http/input-characters.ts';
import { liftIdleTimeoutForUpload } from './platform/http/multipart-upload.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { operationsRoutes } from './platform/http/operations.routes.ts';
import operationsAccess from './platform/http/operations-access.ts';
import requestContext from './platform/http/request-context.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { devMailRoutes } from './platform/mail/dev-mail.routes.tsx';
import metrics from './platform/metrics.ts';
import { recoveryClaimantRoutes } from './recovery/claimant/claimant.routes.ts';
import { recoveryObjectionRoutes } from './recovery/completion/objection.routes.tsx';
import { recoveryStaffRoutes } from './recovery/review/review.staff-routes.tsx';
import mfaPolicy from './second-factor/mfa-policy.plugin.ts';
import { mfaSignInRoutes } from './second-factor/mfa-sign-in.routes.tsx';
import { passkeySignInRoutes } from './second-factor/passkey-sign-in.routes.ts';
import { passkeysRoutes } from './second-factor/passkeys.routes.ts';
import { secondFactorRoutes } from './second-factor/second-factor.routes.tsx';
import sessionAuth from './sessions/session-auth.plugin.ts';
import { sessionsRoutes } from './sessions/sessions.routes.tsx';
import { allowFormRedirectsToClients, createFormActionWidener } from './sso/form-action-origins.ts';
import { oidcRoutes } from './sso/oidc.routes.tsx';
import { createOidcProviderHolder, type OidcProviderHolder } from './sso/oidc-provider.ts';
import staffSession from './staff/core/staff-session.plugin.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { ticketAttachmentsStaffRoutes } from './tickets/ticket-attachments.staff-routes.ts';
import { ticketsPortalRoutes } from './tickets/tickets-portal.routes.tsx';
import { ticketsStaffRoutes } from './tickets/tickets-staff.routes.tsx';

const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views', 'static');
// The WebAuthn browser library, served from our own origin (no CDN): its UMD bundle, as published.
const webauthnBrowserDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
  '..',
  'dist',
  'bundle',
);

/** Builds the application with its dependencies; never listens, so tests use `app.inject`. */
export async function buildApp(
  deps: Deps,
  options: { onRoute?: (route: RouteOptions) => void; oidcProviders?: OidcProviderHolder } = {},
): Promise<FastifyInstance> {
  const timeouts = deps.config.http;
  const app = Fastify({
    loggerInstance: deps.log,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Request ids in logs; never derived from client headers.
    genReqId: () => crypto.randomUUID(),
    // Slow clients (slowloris, a body sent a byte a minute) must not hold sockets: headers within
    // headersTimeout, the whole request within requestTimeout, no silence longer than the idle
    // timeout (the socket's, so it bounds a stalled body too), idle keep-alive sockets closed.
    requestTimeout: timeouts.requestTimeoutMs,
    connectionTimeout: timeouts.idleTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
      // Node checks the two timeouts above on this period (30 s by default): a fraction of them.
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, timeouts.headersTimeoutMs / 4)),
    },
  });
  configureArgon2Limits(deps.config.argon2);
  // Lets a test see the whole route table (the fuzz test walks every route).
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);

  await registerSecurityHeaders(app, deps.config);
  const widenFormAction = createFormActionWidener(deps);
  allowFormRedirectsToClients(app, widenFormAction);
  await app.register(cookie);
  await app.register(formbody);
  // Streams only: uploads are read part by part by platform/http/multipart-upload.ts, never spooled
  // to disk (no plaintext document may touch the disk). One file and a few small fields per request.
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.multipartCsrf) liftIdleTimeoutForUpload(request);
  });
  await app.register(requestContext, { config: deps.config });
  await app.register(csrf, { config: deps.config });
  await app.register(inputCharacters);
  await app.register(sessionAuth, { deps });
  // After the customer session: on staff paths it sets the customer aside (see the plugin).
  await app.register(staffSession, { deps });
  await app.register(mfaPolicy, { deps });
  await app.register(cacheControl);
  await app.register(operationsAccess, { config: deps.config });
  await app.register(metrics);
  // Per-instance request caps for CPU-bound endpoints (they protect this process, so memory is
  // the right place); security throttling that must hold across instances lives in the database.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl / 1000),
  });
  await registerOpenApi(app, deps.config);
  await app.register(fastifyStatic, { root: staticDir, prefix: '/static/', maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: webauthnBrowserDir,
    prefix: '/static/vendor/simplewebauthn/',
    maxAge: '1h',
    decorateReply: false,
  });

  app.get(
    '/api/v1/csrf',
    { schema: { tags: ['customer'], summary: 'A CSRF token for cookie-authenticated requests' } },
    async (request) => ({
      token: request.csrfToken(),
    }),
  );

  await app.register(operationsRoutes, { deps });
  await app.register(oidcRoutes, {
    deps,
    providers: options.oidcProviders ?? createOidcProviderHolder(deps),
    widenFormAction,
  });
  await app.register(sessionsRoutes, { deps });
  await app.register(mfaSignInRoutes, { deps });
  await app.register(secondFactorRoutes, { deps });
  await app.register(passkeysRoutes, { deps });
  await app.register(passkeySignInRoutes, { deps });
  await app.register(accountsRoutes, { deps });
  await app.register(adminApiRoutes, { deps, prefix: '/api/v1/admin' });
  await app.register(passwordChangeRoutes, { deps });
  await app.register(passwordResetRoutes, { deps });
  await app.register(emailChangeRoutes, { deps });
  await app.register(recoveryClaimantRoutes, { deps });
  await app.register(recoveryObjectionRoutes, { deps });
  await app.register(languageRoutes, { deps });
  await app.register(ticketsPortalRoutes, { deps });
  // The back office: staff's own pages, then the desks that staff work from (they import the staff
  // core for layout, session and permissions; staff imports neither).
  await app.register(staffRoutes, { deps });
  await app.register(recoveryStaffRoutes, { deps });
  await app.register(ticketsStaffRoutes, { deps });
  await app.register(ticketAttachmentsStaffRoutes, { deps });
  await app.register(passwordPolicyRoutes, {
    requireCharacterClasses: deps.config.passwordRequireCharacterClasses,
  });
  // Shows emails with their links in clear: only where mail goes to files, never in production.
  if (deps.config.env !== 'production' && !deps.config.smtpUrl) await app.register(devMailRoutes, { deps });
  return app;
}
