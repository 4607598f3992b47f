import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accountDisplayName } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditAction, AuditDetails } from '../audit/audit.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { requireCustomer } from '../sessions/session-auth.plugin.ts';
import { signOut } from '../sessions/sessions.service.ts';
import { sendPage } from '../views/render.ts';
import type { FormActionWidener } from './form-action-origins.ts';
import { ApplicationsPage, ConsentPage, OidcErrorPage } from './oidc.pages.tsx';
import { getOidcClient } from './oidc-clients.repository.ts';
import { attachRequestInfo, OIDC_MOUNT, type OidcProviderHolder } from './oidc-provider.ts';
import { listConnectedApplications, revokeApplication } from './sso-access.ts';

/** How a Sésame session was opened, as OpenID Connect `amr` values (RFC 8176). */
function amrOf(authMethod: string): string[] {
  if (authMethod === 'passkey') return ['hwk', 'user'];
  const amr = ['pwd'];
  if (authMethod.includes('totp') || authMethod.includes('recovery')) amr.push('otp', 'mfa');
  if (authMethod.includes('passkey')) amr.push('hwk', 'mfa');
  return amr;
}

/**
 * The OpenID Provider in the Fastify app. Protocol endpoints (discovery, JWKS, authorization, token,
 * userinfo, revocation, introspection, end-session) are handed to oidc-provider untouched: their
 * bodies are not parsed here and our CSRF check does not apply (they authenticate clients their own
 * way, and the logout form carries the provider's own anti-forgery token). The interaction pages
 * (sign-in hand-off, consent) and « Applications connectées » are ours.
 */
export async function oidcRoutes(
  app: FastifyInstance,
  {
    deps,
    providers,
    widenFormAction,
  }: { deps: Deps; providers: OidcProviderHolder; widenFormAction: FormActionWidener },
) {
  const publicUrl = deps.config.publicUrl;

  /** A signed-in customer's single sign-on event, in the caller's transaction. */
  function auditCustomer(tx: Tx, request: FastifyRequest, action: AuditAction, details: AuditDetails) {
    const customer = requireCustomer(request);
    return recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: customer.account.id },
      accountId: customer.account.id,
      action,
      ...request.meta,
      details,
    });
  }

  async function handOver(request: FastifyRequest, reply: FastifyReply, path: string) {
    const provider = await providers.current();
    const raw = request.raw as typeof request.raw & { originalUrl?: string };
    const customer = request.customer;
    attachRequestInfo(raw, {
      accountId: customer?.account.id ?? null,
      sessionId: customer?.session.id ?? null,
      locale: request.locale,
      endSession: async () => {
        if (customer)
          await signOut(
            deps,
            { accountId: customer.account.id, sessionId: customer.session.id },
            request.meta,
          );
      },
    });
    // The provider builds its URLs from these: always PUBLIC_URL, and the client address Fastify
    // already resolved (TRUST_PROXY), whatever the request claimed.
    raw.headers['x-forwarded-proto'] = publicUrl.protocol.replace(':', '');
    raw.headers['x-forwarded-host'] = publicUrl.host;
    raw.headers['x-forwarded-for'] = request.ip;
    raw.originalUrl = `${OIDC_MOUNT}${path}`;
    raw.url = path;
    // The provider's pages (logout, errors) skip Fastify's onSend: widen their form-action here.
    const policy = reply.raw.getHeader('content-security-policy');
    if (typeof policy === 'string')
      reply.raw.setHeader('content-security-policy', await widenFormAction(policy));
    reply.hijack();
    await provider.callback()(raw, reply.raw);
  }

  await app.register(async (protocol) => {
    // oidc-provider reads the bodies itself.
    protocol.removeAllContentTypeParsers();
    protocol.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const config = { csrf: false };
    protocol.get('/.well-known/openid-configuration', { config }, (request, reply) =>
      handOver(request, reply, request.url),
    );
    protocol.route({
      method: ['GET', 'POST', 'OPTIONS'],
      url: `${OIDC_MOUNT}/*`,
      config,
      handler: (request, reply) => handOver(request, reply, request.url.slice(OIDC_MOUNT.length) || '/'),
    });
  });

  // Ids the provider and we issue are base64url: anything else is no interaction or client of ours.
  const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
  const uidParams = z.object({ uid: opaqueId });

  /** The interaction behind the cookie, or null when it expired or the cookie is gone. */
  function parseUid(params: unknown): { uid: string } {
    const parsed = uidParams.safeParse(params);
    if (!parsed.success) throw new AppError('NOT_FOUND');
    return parsed.data;
  }

  async function interactionOf(request: FastifyRequest, reply: FastifyReply) {
    const provider = await providers.current();
    try {
      return { provider, details: await provider.interactionDetails(request.raw, reply.raw) };
    } catch (error) {
      // oidc-provider's SessionNotFound: the interaction expired or its cookie is gone.
      if (error instanceof Error && error.name === 'SessionNotFound') return null;
      throw error;
    }
  }

  function expired(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <OidcErrorPage ctx={pageContext(request)} code={null} expired />, 400);
  }

  // Where the provider sends the browser when it needs a sign-in or a consent.
  app.get<{ Params: { uid: string } }>(`${OIDC_MOUNT}/interaction/:uid`, async (request, reply) => {
    const { uid } = parseUid(request.params);
    const found = await interactionOf(request, reply);
    if (!found || found.details.uid !== uid) return expired(request, reply);
    const { provider, details } = found;
    const customer = request.customer;
    if (details.prompt.name === 'login' || !customer || customer.account.id !== details.session?.accountId) {
      // Our own sign-in page, with its throttling, its 401 and the second factor; it comes back here.
      if (!customer)
        return reply.redirect(`/login?next=${encodeURIComponent(`${OIDC_MOUNT}/interaction/${uid}`)}`, 303);
      const clientId = String(details.params.client_id);
      await deps.db
        .transaction()
        .execute((tx) =>
          auditCustomer(tx, request, 'sso.signed_in', { clientId, sessionId: customer.session.id }),
        );
      const to = await provider.interactionResult(
        request.raw,
        reply.raw,
        {
          login: {
            accountId: customer.account.id,
            amr: amrOf(customer.session.authMethod),
            ts: Math.floor(customer.session.createdAt.getTime() / 1000),
            remember: false,
          },
        },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(to, 303);
    }
    const client = await provider.Client.find(String(details.params.client_id));
    const scopes = String(details.params.scope ?? '').split(' ');
    return sendPage(
      reply,
      <ConsentPage
        ctx={pageContext(request)}
        uid={uid}
        clientName={client?.clientName ?? String(details.params.client_id)}
        scopes={scopes}
        accountName={accountDisplayName(customer.account) || customer.account.email}
      />,
    );
  });

  app.post<{ Params: { uid: string } }>(`${OIDC_MOUNT}/interaction/:uid/consent`, async (request, reply) => {
    const customer = requireCustomer(request);
    const { uid } = parseUid(request.params);
    const found = await interactionOf(request, reply);
    if (!found || found.details.uid !== uid) return expired(request, reply);
    const { provider, details } = found;
    if (details.prompt.name !== 'consent' || details.session?.accountId !== customer.account.id)
      return reply.redirect(`${OIDC_MOUNT}/interaction/${uid}`, 303);
    const clientId = String(details.params.client_id);
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: customer.account.id, clientId });
    if (!grant) return expired(request, reply);
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await deps.db.transaction().execute((tx) =>
      auditCustomer(tx, request, 'sso.consent_granted', {
        clientId,
        scopes: (missing.missingOIDCScope ?? []).join(' '),
      }),
    );
    const to = await provider.interactionResult(
      request.raw,
      reply.raw,
      { consent: details.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true },
    );
    return reply.redirect(to, 303);
  });

  app.post<{ Params: { uid: string } }>(`${OIDC_MOUNT}/interaction/:uid/deny`, async (request, reply) => {
    requireCustomer(request);
    const { uid } = parseUid(request.params);
    const found = await interactionOf(request, reply);
    if (!found || found.details.uid !== uid) return expired(request, reply);
    const to = await found.provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'the customer denied the request' },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(to, 303);
  });

  app.get<{ Querystring: { revoked?: string } }>('/account/applications', async (request, reply) => {
    const customer = requireCustomer(request);
    const applications = await listConnectedApplications(deps.db, customer.account.id);
    const revokedId = opaqueId.safeParse(request.query.revoked).data ?? null;
    const revoked = revokedId ? (await getOidcClient(deps.db, revokedId))?.name : undefined;
    return sendPage(
      reply,
      <ApplicationsPage
        ctx={pageContext(request)}
        applications={applications}
        notice={revoked ? request.t('applications.revoked', { client: revoked }) : undefined}
      />,
    );
  });

  const revokeForm = z.object({ clientId: opaqueId });
  app.post('/account/applications/revoke', async (request, reply) => {
    const customer = requireCustomer(request);
    const form = revokeForm.safeParse(request.body);
    if (!form.success) throw new AppError('NOT_FOUND');
    const { clientId } = form.data;
    await deps.db.transaction().execute(async (tx) => {
      if (!(await revokeApplication(tx, customer.account.id, clientId, deps.clock.now()))) return;
      await auditCustomer(tx, request, 'sso.application_revoked', { clientId });
    });
    return reply.redirect(`/account/applications?revoked=${encodeURIComponent(clientId)}`, 303);
  });
}
