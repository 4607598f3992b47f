/**
 * Token endpoint throughput of Sésame's OpenID Provider, against the raw cost of what every token
 * response must do: one RS256 signature (the ID token). Refresh-token grants (each rotates the
 * refresh token, issues an access token and signs an ID token) from `--clients` concurrent
 * relying parties over real HTTP with openid-client, on PostgreSQL when DATABASE_URL is set, else
 * PGlite; the reference, RS256 signatures per second with a 2048-bit key on one core, is measured
 * in the same run, alternating with the endpoint (`--rounds`).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/oidc-token.ts [--seconds 5] [--clients 8] [--rounds 3]
 */
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { importJWK, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { freePort } from '../e2e/support/server.ts';
import { createTestAccount } from '../test/support/factories.ts';
import { authorizationRequest, createHttpBrowser, relyingParty, signInOnPage } from '../test/support/oidc.ts';
import { buildTestApp } from '../test/support/test-app.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const rounds = Number(values.rounds);

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const port = await freePort();
const t = await buildTestApp(kind, { PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'silent' });
await t.app.listen({ port, host: '127.0.0.1' });
const { account, password } = await createTestAccount(t.deps);
const rp = await relyingParty(t.deps, { firstParty: true });

// One grant per concurrent relying party: a real sign-in through the provider for each.
const browser = createHttpBrowser();
const refreshTokens: string[] = [];
for (let i = 0; i < clients; i++) {
  const request = await authorizationRequest(rp.config, rp.redirectUri);
  let step = await browser.follow(request.url, rp.redirectUri);
  if (step.url.pathname === '/login') {
    const signedIn = await signInOnPage(browser, step.url, account.email, password);
    step = await browser.follow(signedIn.location as URL, rp.redirectUri);
  }
  const tokens = await oidc.authorizationCodeGrant(rp.config, step.location as URL, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  refreshTokens.push(tokens.refresh_token as string);
}

async function tokenEndpointRate(): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    refreshTokens.map(async (_, index) => {
      while (Date.now() < deadline) {
        const tokens = await oidc.refreshTokenGrant(rp.config, refreshTokens[index] as string);
        refreshTokens[index] = tokens.refresh_token as string;
        done++;
      }
    }),
  );
  return done / seconds;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = await importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'RS256' }, 'RS256');
async function signingRate(): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  while (Date.now() < deadline) {
    await new SignJWT({ sub: account.id, email: account.email })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    done++;
  }
  return done / seconds;
}

const results: { endpoint: number; signing: number }[] = [];
for (let round = 0; round < rounds; round++) {
  const signing = await signingRate();
  const endpoint = await tokenEndpointRate();
  results.push({ endpoint, signing });
  console.log(
    `round ${round + 1}: token endpoint ${endpoint.toFixed(0)} req/s, raw RS256 signing ${signing.toFixed(0)}/s, ratio ${(endpoint / signing).toFixed(3)}`,
  );
}
await t.close();
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const endpoint = median(results.map((r) => r.endpoint));
const signing = median(results.map((r) => r.signing));
console.log(
  `database: ${kind}; ${clients} concurrent relying parties; ${seconds} s per measure; ${rounds} rounds`,
);
console.log(`median token endpoint (refresh grant, rotation, ID token): ${endpoint.toFixed(0)} req/s`);
console.log(`median raw RS256 signing, one core (reference):            ${signing.toFixed(0)}/s`);
console.log(`ratio endpoint / reference:                                ${(endpoint / signing).toFixed(3)}`);
