import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { renderToString } from 'preact-render-to-string';
import type { Deps } from '../platform/deps.ts';
import { findActiveClientMetadata, listOidcClientRows } from '../sso/oidc-clients.repository.ts';
import { createOidcClient } from '../sso/oidc-clients.service.ts';

/**
 * A stand-in for the provider's hosting panel, to try single sign-on end to end: a small web
 * application that signs its users in through Sésame with openid-client (code + PKCE), shows the
 * claims it received, signs out through Sésame (RP-initiated logout) and forgets a user when Sésame
 * posts a back-channel logout. Started by `sesame demo --serve` beside the server; never in production.
 */

export const DEMO_PANEL_NAME = 'Panneau d’hébergement (démo)';

type Claims = Record<string, unknown>;
type PanelSession = { claims: Claims; idToken: string };

/** The demo panel's client in Sésame: registered on first run, the same one afterwards. */
export async function ensureDemoPanelClient(
  deps: Deps,
  panelOrigin: string,
): Promise<{ clientId: string; clientSecret: string }> {
  const redirectUri = `${panelOrigin}/callback`;
  const existing = (await listOidcClientRows(deps.db)).find(
    (client) =>
      client.name === DEMO_PANEL_NAME && !client.disabledAt && client.redirectUris.includes(redirectUri),
  );
  if (existing) {
    const metadata = await findActiveClientMetadata(deps.db, deps.masterKey, existing.clientId);
    if (typeof metadata?.client_secret === 'string')
      return { clientId: existing.clientId, clientSecret: metadata.client_secret };
  }
  const { client, clientSecret } = await createOidcClient(
    deps,
    {
      name: DEMO_PANEL_NAME,
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [`${panelOrigin}/`],
      backchannelLogoutUri: `${panelOrigin}/backchannel-logout`,
    },
    { type: 'system', id: 'demo' },
  );
  if (!clientSecret) throw new Error('the demo panel is a confidential client');
  return { clientId: client.clientId, clientSecret };
}

function Page({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
        <header>
          <p style="color: #555">{DEMO_PANEL_NAME}</p>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

function send(
  response: ServerResponse,
  status: number,
  page: preact.VNode,
  headers: Record<string, string | string[]> = {},
) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(`<!doctype html>${renderToString(page)}`);
}

function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
) {
  response.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  response.end();
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function SignedIn({ claims }: { claims: Claims }) {
  const services = (claims.services ?? []) as { kind: string; name: string; panel_username: string | null }[];
  return (
    <>
      <h1>Bonjour {String(claims.name ?? claims.email)}</h1>
      <p>Vous êtes connecté au panneau avec votre compte Sésame. Voici ce que le panneau a reçu :</p>
      <dl data-claims>
        {(
          [
            'sub',
            'email',
            'email_verified',
            'name',
            'locale',
            'client_number',
            'account_type',
            'amr',
          ] as const
        ).map((claim) => (
          <div key={claim}>
            <dt>
              <code>{claim}</code>
            </dt>
            <dd data-claim={claim}>{JSON.stringify(claims[claim] ?? null)}</dd>
          </div>
        ))}
      </dl>
      <h2>Services</h2>
      <ul>
        {services.map((service) => (
          <li key={service.name} data-service={service.name}>
            {service.kind} {service.name}
            {service.panel_username ? ` — identifiant de panneau ${service.panel_username}` : ''}
          </li>
        ))}
      </ul>
      <p>
        <a href="/logout">Se déconnecter</a>
      </p>
    </>
  );
}

/** Starts the demo panel on `port` (0: any free one) and returns its address. */
export async function startDemoRelyingParty(
  deps: Deps,
  options: { port: number; host: string; publicHost: string },
): Promise<{ origin: string; clientId: string; close(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.publicHost}:${port}`;
  const { clientId, clientSecret } = await ensureDemoPanelClient(deps, origin);
  const issuer = deps.config.publicUrl;
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  // In memory: it is a demo of a panel, not a part of Sésame.
  const pending = new Map<string, { verifier: string; state: string; nonce: string }>();
  const sessions = new Map<string, PanelSession>();

  server.on('request', (request, response) => {
    handle(request, response).catch((error) => {
      deps.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'demo panel error');
      send(
        response,
        500,
        <Page title="Erreur">{<p>Erreur du panneau de démonstration : {String(error)}</p>}</Page>,
      );
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const config = await configuration();
    if (request.method === 'POST' && url.pathname === '/backchannel-logout') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.serverMetadata().issuer,
        audience: clientId,
      });
      for (const [id, session] of sessions) if (session.claims.sub === payload.sub) sessions.delete(id);
      response.writeHead(200).end();
      return;
    }
    if (url.pathname === '/login') {
      const verifier = oidc.randomPKCECodeVerifier();
      const transaction = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
      const id = randomBytes(16).toString('base64url');
      pending.set(id, transaction);
      const target = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/callback`,
        scope: 'openid email profile sesame:account',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
      return redirect(response, target.href, {
        'set-cookie': `demo_panel_tx=${id}; Path=/; HttpOnly; SameSite=Lax`,
      });
    }
    if (url.pathname === '/callback') {
      const transaction = pending.get(cookieOf(request, 'demo_panel_tx') ?? '');
      if (!transaction) return redirect(response, '/');
      pending.delete(cookieOf(request, 'demo_panel_tx') ?? '');
      if (url.searchParams.get('error'))
        return send(
          response,
          200,
          <Page title={DEMO_PANEL_NAME}>
            <h1>Connexion refusée</h1>
            <p data-error>{url.searchParams.get('error')}</p>
            <p>
              <a href="/">Retour</a>
            </p>
          </Page>,
        );
      const tokens = await oidc.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
      });
      const claims = { ...(tokens.claims() ?? {}) } as Claims;
      const id = randomBytes(16).toString('base64url');
      sessions.set(id, { claims, idToken: tokens.id_token ?? '' });
      return redirect(response, '/', {
        'set-cookie': `demo_panel_session=${id}; Path=/; HttpOnly; SameSite=Lax`,
      });
    }
    const sessionId = cookieOf(request, 'demo_panel_session') ?? '';
    const session = sessions.get(sessionId);
    if (url.pathname === '/logout') {
      sessions.delete(sessionId);
      const end = oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: `${origin}/`,
        ...(session?.idToken ? { id_token_hint: session.idToken } : { client_id: clientId }),
      });
      return redirect(response, end.href, { 'set-cookie': 'demo_panel_session=; Path=/; Max-Age=0' });
    }
    return send(
      response,
      200,
      <Page title={DEMO_PANEL_NAME}>
        {session ? (
          <SignedIn claims={session.claims} />
        ) : (
          <>
            <h1>{DEMO_PANEL_NAME}</h1>
            <p>Ce panneau ne garde aucun mot de passe : il vous connecte avec votre compte client Sésame.</p>
            <p>
              <a href="/login">Se connecter avec Sésame</a>
            </p>
          </>
        )}
      </Page>,
    );
  }

  return {
    origin,
    clientId,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
