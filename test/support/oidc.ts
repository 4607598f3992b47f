import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Deps } from '../../src/platform/deps.ts';
import { type CreateOidcClientInput, createOidcClient } from '../../src/sso/oidc-clients.service.ts';

/**
 * A browser over real HTTP (the OpenID flows cross the provider, which Fastify hands the raw socket):
 * keeps cookies per host, follows nothing by itself so a test sees every redirect.
 */
export function createHttpBrowser() {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL) =>
    [...(jar.get(url.host) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (url: URL, response: Response) => {
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(url.host, cookies);
  };
  async function request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const headers: Record<string, string> = { cookie: cookieHeader(target), 'accept-language': 'fr' };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    remember(target, response);
    const text = await response.text();
    const location = response.headers.get('location');
    return {
      status: response.status,
      text,
      location: location ? new URL(location, target) : null,
      url: target,
    };
  }
  return {
    request,
    cookies: (host: string) => jar.get(host) ?? new Map<string, string>(),
    /** Follows redirects until one leaves for `stopAt` (the client's redirect URI) or a page is shown. */
    async follow(url: string | URL, stopAt: string) {
      let current = await request(url);
      for (let hops = 0; hops < 10 && current.location; hops++) {
        if (current.location.href.startsWith(stopAt)) return current;
        current = await request(current.location);
      }
      return current;
    },
  };
}

export type HttpBrowser = ReturnType<typeof createHttpBrowser>;

/** The hidden fields and action of the form on a page (the CSRF token, the provider's xsrf…). */
export function formOn(html: string, action?: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((match) => match[0]);
  const form = forms.find((candidate) => !action || candidate.includes(`action="${action}`));
  if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name && /type="hidden"/.test(input[0])) fields[name] = value.replace(/&amp;/g, '&');
  }
  return { action: (/action="([^"]*)"/.exec(form)?.[1] ?? '').replace(/&amp;/g, '&'), fields };
}

/** Signs in on Sésame's own page (it came after a redirect to /login?next=…), as a customer does. */
export async function signInOnPage(browser: HttpBrowser, loginUrl: URL, email: string, password: string) {
  const page = await browser.request(loginUrl);
  const { fields } = formOn(page.text, '/login');
  return browser.request(new URL('/login', loginUrl), { form: { ...fields, email, password } });
}

/** A small relying party's back-channel logout endpoint: collects the logout tokens posted to it. */
export async function startBackchannelReceiver(): Promise<{
  url: string;
  tokens: string[];
  close(): Promise<void>;
}> {
  const tokens: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (token) tokens.push(token);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/backchannel-logout`,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Registers a client and discovers the provider with openid-client, as a real relying party does. */
export async function relyingParty(deps: Deps, input: Partial<CreateOidcClientInput> = {}) {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const { client, clientSecret } = await createOidcClient(
    deps,
    {
      name: 'Panneau de test',
      redirectUris: [redirectUri],
      postLogoutRedirectUris: ['http://127.0.0.1:9/bye'],
      ...input,
    },
    { type: 'system', id: 'test' },
  );
  const auth = client.tokenEndpointAuthMethod === 'none' ? oidc.None() : oidc.ClientSecretBasic(clientSecret);
  const config = await oidc.discovery(deps.config.publicUrl, client.clientId, undefined, auth, {
    execute: [oidc.allowInsecureRequests],
  });
  return { client, clientSecret, config, redirectUri };
}

/** Starts an authorization request with PKCE S256 and a state, as openid-client builds it. */
export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  parameters: Record<string, string> = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile sesame:account',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...parameters,
  });
  return { url, verifier, state };
}
