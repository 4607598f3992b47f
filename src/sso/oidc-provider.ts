import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Configuration, KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import { accountDisplayName } from '../accounts/account.ts';
import { getAccountById } from '../accounts/accounts.repository.ts';
import { listServicesByAccount } from '../accounts/services.repository.ts';
import type { Deps } from '../platform/deps.ts';
import type { Locale } from '../views/i18n/index.ts';
import { renderLogoutPage, renderOidcErrorPage, renderSignedOutPage } from './oidc.pages.tsx';
import { createOidcAdapter } from './oidc-adapter.ts';
import { loadSigningKeys, signingKeysVersion } from './signing-keys.ts';

/** What Sésame knows about the browser behind a request the provider handles (set by the bridge). */
export type SesameRequestInfo = {
  /** The account of the live Sésame session, or null: the provider's login prompt checks it. */
  accountId: string | null;
  sessionId: string | null;
  locale: Locale;
  /** Ends the Sésame session when the customer signs out through an application (RP-initiated logout). */
  endSession: () => Promise<void>;
};

export const sesameRequestInfo = Symbol('sesame.request-info');
type RequestWithInfo = IncomingMessage & { [sesameRequestInfo]?: SesameRequestInfo };

export function attachRequestInfo(request: IncomingMessage, info: SesameRequestInfo): void {
  (request as RequestWithInfo)[sesameRequestInfo] = info;
}

function requestInfo(ctx: { req: IncomingMessage }): SesameRequestInfo | undefined {
  return (ctx.req as RequestWithInfo)[sesameRequestInfo];
}

/** oidc-provider's cookie holding the id of its session in this browser (its default name). */
export const PROVIDER_SESSION_COOKIE = '_session';

/** Where the provider's own endpoints live; our interaction pages sit under it too. */
export const OIDC_MOUNT = '/oidc';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ID_TOKEN_TTL_SECONDS = 60 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;

/** The scopes a client may ask for, and the claims each one releases. */
export const ssoClaims = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'locale'],
  'sesame:account': ['client_number', 'account_type', 'services'],
} as const;

export type SsoScope = keyof typeof ssoClaims | 'offline_access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds oidc-provider (panva's OpenID Certified implementation) for this deployment: issuer
 * PUBLIC_URL, state in our database, the published signing keys, authorization code with PKCE S256
 * only, refresh tokens (rotated) for confidential clients, our own pages for sign-in, consent,
 * logout and errors. Nothing of the protocol is written here: only what Sésame decides.
 */
export async function createOidcProvider(deps: Deps): Promise<Provider> {
  // Loaded on first use: oidc-provider warns at import on Node 20 (its author supports 22 LTS and
  // later), and a command that never serves single sign-on has no reason to load or print it.
  const { default: Provider, interactionPolicy, errors } = await import('oidc-provider');
  const jwks = await loadSigningKeys(deps.db, deps.masterKey, new Date());
  const issuer = deps.config.publicUrl.origin;
  const policy = interactionPolicy.base();
  // One truth for who is signed in: the provider's session counts only while the Sésame session
  // it came from is alive and for the same account (signing out of Sésame signs out of the OP).
  policy.get('login')?.checks.add(
    new interactionPolicy.Check(
      'sesame_session',
      'a live Sésame session is required',
      'login_required',
      (ctx) => {
        const accountId = requestInfo(ctx)?.accountId ?? null;
        return accountId && accountId === ctx.oidc.session?.accountId
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
    0,
  );

  const configuration: Configuration = {
    adapter: createOidcAdapter(deps.db, deps.masterKey, errors.InvalidGrant),
    clients: [],
    jwks: { keys: jwks },
    findAccount: async (_ctx, sub) => {
      if (!UUID.test(sub)) return undefined;
      const account = await getAccountById(deps.db, sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        async claims() {
          const services = await listServicesByAccount(deps.db, account.id);
          return {
            sub: account.id,
            email: account.email,
            email_verified: account.emailVerifiedAt !== null,
            name: accountDisplayName(account) || account.email,
            locale: account.locale,
            client_number: account.clientNumber,
            account_type: account.type,
            services: services.map((service) => ({
              kind: service.kind,
              name: service.name,
              panel_username: service.panelUsername,
            })),
          };
        },
      };
    },
    // amr says how the customer signed in (pwd, otp, hwk…): in every ID token, with openid.
    claims: { ...ssoClaims, openid: ['sub', 'amr'] },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'sesame:account'],
    // The claims of the granted scopes go into the ID token too, not only to userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt', 'none'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      idTokenSigningAlgValues: ['RS256'],
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: { properties: ['first_party'] },
    issueRefreshToken: async (_ctx, client) =>
      client.clientAuthMethod !== 'none' && client.grantTypeAllowed('refresh_token'),
    // Every use of a refresh token returns a new one and spends the old (a replay revokes the grant).
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ID_TOKEN_TTL_SECONDS,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
      Interaction: 10 * 60,
      Session: deps.config.sessionAbsoluteHours * 60 * 60,
      Grant: 365 * 24 * 60 * 60,
    },
    cookies: {
      keys: [cookieKey(deps.masterKey)],
      long: { signed: true, sameSite: 'lax', httpOnly: true },
      short: { signed: true, sameSite: 'lax', httpOnly: true },
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(localeOf(ctx), form, ctx.oidc.client?.clientName ?? null);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderSignedOutPage(localeOf(ctx), ctx.oidc.client?.clientName ?? null);
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${OIDC_MOUNT}/interaction/${interaction.uid}`,
    },
    // A first-party application (the provider's own panel) is allowed without asking.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (existing && existing.accountId !== oidc.session.accountId) return undefined;
      if (!oidc.client.metadata().first_party) return existing;
      const grant =
        existing ??
        new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    // oidc-provider refuses to call private and loopback addresses (SSRF protection for URLs that
    // strangers register). Here only the operator registers clients, and the panel, billing and
    // webmail it signs in usually sit on the provider's private network: their back-channel logout
    // and jwks_uri addresses are called wherever they are.
    fetch: (url, options) => {
      const { dispatcher: _ssrfGuard, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderOidcErrorPage(localeOf(ctx), out.error, out.error_description ?? null);
    },
  };

  const provider = new Provider(issuer, configuration);
  // Behind our bridge, which sets X-Forwarded-* from PUBLIC_URL and the client address Fastify trusts.
  provider.proxy = true;
  provider.use(async (ctx, next) => {
    await next();
    // RP-initiated logout confirmed by the customer: the Sésame session ends too.
    if (ctx.oidc?.route === 'end_session_confirm' && ctx.oidc.params?.logout)
      await requestInfo(ctx)?.endSession();
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, error: Error) =>
    deps.log.error({ err: error }, 'OpenID Provider error'),
  );
  provider.on('backchannel.error', (_ctx: unknown, error: Error, client: { clientId: string }) =>
    deps.log.warn({ error: error.message, clientId: client.clientId }, 'back-channel logout failed'),
  );
  return provider;
}

function localeOf(ctx: { req: IncomingMessage }): Locale {
  return requestInfo(ctx)?.locale ?? 'fr';
}

/** The provider signs its cookies with a key derived from the master key: every instance agrees. */
function cookieKey(masterKey: Buffer): string {
  return createHash('sha256').update('sesame oidc cookie key\0').update(masterKey).digest('base64url');
}

/**
 * The provider every request uses. It is rebuilt when the published signing keys change (`sesame
 * oidc keys rotate` on any machine), checked at most every 30 seconds: each instance picks up a
 * rotation within that time without a restart. Its state lives in the database, so a rebuild loses
 * nothing.
 */
export type OidcProviderHolder = { current(): Promise<Provider> };

export function createOidcProviderHolder(deps: Deps, recheckMs = 30_000): OidcProviderHolder {
  let built: Promise<{ provider: Provider; version: string }> | null = null;
  let checkedAt = 0;
  const build = async () => {
    const provider = await createOidcProvider(deps);
    return { provider, version: await signingKeysVersion(deps.db, new Date()) };
  };
  return {
    async current() {
      if (!built) {
        built = build();
        built.catch(() => {
          built = null;
        });
        checkedAt = Date.now();
      } else if (Date.now() - checkedAt > recheckMs) {
        checkedAt = Date.now();
        const { version } = await built;
        if ((await signingKeysVersion(deps.db, new Date())) !== version) built = build();
      }
      return (await built).provider;
    },
  };
}
