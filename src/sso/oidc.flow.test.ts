import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { freePort } from '../../e2e/support/server.ts';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD } from '../../test/support/factories.ts';
import {
  authorizationRequest,
  createHttpBrowser,
  formOn,
  type HttpBrowser,
  relyingParty,
  signInOnPage,
  startBackchannelReceiver,
} from '../../test/support/oidc.ts';
import { approvedRecoveryCase } from '../../test/support/recovery-objection.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { changePassword } from '../accounts/password-change.service.ts';
import { createService } from '../accounts/services.repository.ts';
import { buildApp } from '../app.ts';
import { HOUR } from '../platform/clock.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { completeDueRecoveryCases } from '../recovery/completion/completion.service.ts';
import {
  BACKCHANNEL_MAX_ATTEMPTS,
  backchannelRetryDelayMs,
  deliverBackchannelLogouts,
} from './backchannel-logout.worker.ts';
import { createOidcClient, disableOidcClient } from './oidc-clients.service.ts';
import { createOidcProviderHolder } from './oidc-provider.ts';

/** Signs in through the provider up to the redirect back to the client, consenting when asked. */
async function signInThroughProvider(
  browser: HttpBrowser,
  url: URL,
  redirectUri: string,
  credentials: { email: string; password: string } | null,
) {
  let step = await browser.follow(url, redirectUri);
  if (step.url.pathname === '/login' && credentials) {
    const signedIn = await signInOnPage(browser, step.url, credentials.email, credentials.password);
    assert.equal(signedIn.status, 303, 'the sign-in page accepts the password');
    step = await browser.follow(signedIn.location as URL, redirectUri);
  }
  if (
    step.status === 200 &&
    step.url.pathname.endsWith('') &&
    /\/oidc\/interaction\/[^/]+$/.test(step.url.pathname)
  ) {
    const consent = formOn(step.text, `${step.url.pathname}/consent`);
    step = await browser.request(new URL(consent.action, step.url), { form: consent.fields });
    if (step.location && !step.location.href.startsWith(redirectUri))
      step = await browser.follow(step.location, redirectUri);
  }
  return step;
}

/** A whole sign-in through the provider, then the code exchanged by openid-client. */
async function codeFlow(
  config: oidc.Configuration,
  redirectUri: string,
  credentials: { email: string; password: string },
  browser = createHttpBrowser(),
) {
  const request = await authorizationRequest(config, redirectUri);
  const back = await signInThroughProvider(browser, request.url, redirectUri, credentials);
  const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  return { tokens, browser };
}

for (const kind of testDatabaseKinds()) {
  describe(`single sign-on with a real relying party (openid-client), on ${kind}`, () => {
    let t: TestApp;
    let issuer: URL;
    before(async () => {
      const port = await freePort();
      t = await buildTestApp(kind, { PUBLIC_URL: `http://127.0.0.1:${port}` });
      await t.app.listen({ port, host: '127.0.0.1' });
      issuer = t.deps.config.publicUrl;
    });
    after(() => t.close());

    async function customer() {
      const { account, password } = await createTestAccount(t.deps, {
        email: `sso-${Date.now()}-${Math.random()}@example.org`,
      });
      await t.deps.db.transaction().execute((tx) =>
        createService(tx, {
          id: randomUUID(),
          accountId: account.id,
          kind: 'hosting',
          name: 'jeanne.example.org',
          panelUsername: 'jeanne',
          createdAt: new Date(),
        }),
      );
      return { account, password };
    }

    test('discovery names our endpoints and only the code flow with PKCE S256', async () => {
      const { config } = await relyingParty(t.deps);
      const metadata = config.serverMetadata();
      assert.equal(metadata.issuer, issuer.origin);
      assert.equal(metadata.authorization_endpoint, `${issuer.origin}/oidc/auth`);
      assert.equal(metadata.token_endpoint, `${issuer.origin}/oidc/token`);
      assert.deepEqual(metadata.response_types_supported, ['code']);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.ok(!metadata.grant_types_supported?.includes('implicit'));
      assert.ok(!metadata.grant_types_supported?.includes('password'));
      assert.ok(metadata.scopes_supported?.includes('sesame:account'));
      assert.ok(metadata.token_endpoint_auth_methods_supported?.includes('private_key_jwt'));
      assert.ok(metadata.backchannel_logout_supported);
    });

    test('code + PKCE through our sign-in and consent pages: ID token, userinfo, refresh rotation, revocation', async () => {
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps);
      const browser = createHttpBrowser();
      const request = await authorizationRequest(config, redirectUri);
      const first = await browser.follow(request.url, redirectUri);
      assert.equal(first.url.pathname, '/login', 'an anonymous browser lands on our sign-in page');
      const signedIn = await signInOnPage(browser, first.url, account.email, password);
      const consentPage = await browser.follow(signedIn.location as URL, redirectUri);
      assert.match(consentPage.text, /Autoriser Panneau de test à accéder à votre compte/);
      assert.match(consentPage.text, /votre numéro client/);
      const back = await signInThroughProvider(browser, consentPage.url, redirectUri, null);
      assert.ok(back.location?.href.startsWith(redirectUri));

      const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      });
      const claims = tokens.claims();
      assert.ok(claims);
      assert.equal(claims.sub, account.id, 'sub is the stable account id, never the email');
      assert.equal(claims.email, account.email);
      assert.equal(claims.email_verified, account.emailVerifiedAt !== null);
      assert.equal(claims.name, 'Jeanne Lefèvre');
      assert.equal(claims.locale, 'fr');
      assert.equal(claims.client_number, account.clientNumber);
      assert.equal(claims.account_type, 'individual');
      assert.deepEqual(claims.services, [
        { kind: 'hosting', name: 'jeanne.example.org', panel_username: 'jeanne' },
      ]);
      assert.deepEqual(claims.amr, ['pwd']);

      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, account.id);
      assert.equal(userinfo.email, account.email);
      assert.equal(userinfo.client_number, account.clientNumber);

      // Rotation: the refresh token gives a new one and is spent; replaying it revokes the grant.
      assert.ok(tokens.refresh_token, 'a confidential client gets a refresh token');
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
      assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
      await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token), { error: 'invalid_grant' });
      await assert.rejects(oidc.refreshTokenGrant(config, refreshed.refresh_token), {
        error: 'invalid_grant',
      });

      // Revocation and introspection.
      const again = await signInThroughProvider(
        browser,
        (await authorizationRequest(config, redirectUri)).url,
        redirectUri,
        null,
      );
      assert.ok(
        again.location?.href.startsWith(redirectUri),
        'a second sign-in needs neither password nor consent',
      );
      const fresh = await authorizationRequest(config, redirectUri);
      const back2 = await browser.follow(fresh.url, redirectUri);
      const second = await oidc.authorizationCodeGrant(config, back2.location as URL, {
        pkceCodeVerifier: fresh.verifier,
        expectedState: fresh.state,
      });
      assert.equal((await oidc.tokenIntrospection(config, second.access_token)).active, true);
      await oidc.tokenRevocation(config, second.access_token);
      assert.equal((await oidc.tokenIntrospection(config, second.access_token)).active, false);
    });

    test('a customer who refuses the consent sends the client back with access_denied, and nothing is granted', async () => {
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps);
      const browser = createHttpBrowser();
      const request = await authorizationRequest(config, redirectUri);
      const login = await browser.follow(request.url, redirectUri);
      const signedIn = await signInOnPage(browser, login.url, account.email, password);
      const consentPage = await browser.follow(signedIn.location as URL, redirectUri);
      const deny = formOn(consentPage.text, `${consentPage.url.pathname}/deny`);
      const denied = await browser.request(new URL(deny.action, issuer), { form: deny.fields });
      const back = await browser.follow(denied.location as URL, redirectUri);
      assert.equal(back.location?.searchParams.get('error'), 'access_denied');
      assert.equal(back.location?.searchParams.get('state'), request.state);
      const grants = await t.deps.db
        .selectFrom('oidc_payloads')
        .select('id')
        .where('model', '=', 'Grant')
        .where('account_id', '=', account.id)
        .execute();
      assert.equal(grants.length, 0);
    });

    test('an authorization code exchanged twice at once is honoured once', async () => {
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps, { firstParty: true });
      const browser = createHttpBrowser();
      const request = await authorizationRequest(config, redirectUri);
      const back = await signInThroughProvider(browser, request.url, redirectUri, {
        email: account.email,
        password,
      });
      const exchanges = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          oidc.authorizationCodeGrant(config, back.location as URL, {
            pkceCodeVerifier: request.verifier,
            expectedState: request.state,
          }),
        ),
      );
      assert.equal(exchanges.filter((result) => result.status === 'fulfilled').length, 1);
      for (const result of exchanges)
        if (result.status === 'rejected')
          assert.equal((result.reason as { error?: string }).error, 'invalid_grant');
    });

    test('a refresh token used twice at once is honoured once', async () => {
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps, { firstParty: true });
      const { tokens } = await codeFlow(config, redirectUri, { email: account.email, password });
      const refreshes = await Promise.allSettled(
        Array.from({ length: 4 }, () => oidc.refreshTokenGrant(config, tokens.refresh_token as string)),
      );
      assert.equal(refreshes.filter((result) => result.status === 'fulfilled').length, 1);
    });

    test('an account with a second factor gives it on our page before the application gets a code; amr says so', async () => {
      const { account, password } = await customer();
      const { secret } = await enrolTestTotp(t, account, password);
      const { config, redirectUri } = await relyingParty(t.deps, { firstParty: true });
      const browser = createHttpBrowser();
      const request = await authorizationRequest(config, redirectUri);
      const first = await browser.follow(request.url, redirectUri);
      const afterPassword = await signInOnPage(browser, first.url, account.email, password);
      assert.equal(afterPassword.location?.pathname, '/login/mfa', 'the password alone is not enough');
      const mfaPage = await browser.request(afterPassword.location as URL);
      const form = formOn(mfaPage.text, '/login/mfa');
      const code = await totpCodeAt(secret, t.clock);
      const done = await browser.request(new URL('/login/mfa', issuer), {
        form: { ...form.fields, method: 'totp', code },
      });
      assert.equal(done.status, 303, done.text.slice(0, 300));
      const back = await browser.follow(done.location as URL, redirectUri);
      const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      });
      assert.deepEqual(tokens.claims()?.amr, ['pwd', 'otp', 'mfa']);
    });

    test('a first-party client skips consent; a public client gets no refresh token', async () => {
      const { account, password } = await customer();
      const firstParty = await relyingParty(t.deps, { firstParty: true, public: true });
      const browser = createHttpBrowser();
      const request = await authorizationRequest(firstParty.config, firstParty.redirectUri);
      const back = await signInThroughProvider(browser, request.url, firstParty.redirectUri, {
        email: account.email,
        password,
      });
      assert.ok(
        back.location?.href.startsWith(firstParty.redirectUri),
        'no consent page for a first-party client',
      );
      const tokens = await oidc.authorizationCodeGrant(firstParty.config, back.location as URL, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      });
      assert.equal(tokens.refresh_token, undefined);
      assert.equal(tokens.claims()?.sub, account.id);
    });

    test('bad requests get the protocol’s errors; an unregistered redirect URI is shown a page, never redirected to', async () => {
      const { config, redirectUri } = await relyingParty(t.deps);
      const browser = createHttpBrowser();
      const noPkce = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        state: 'x',
      });
      const refused = await browser.request(noPkce);
      assert.equal(refused.status, 303);
      assert.ok(refused.location?.href.startsWith(redirectUri));
      assert.equal(refused.location?.searchParams.get('error'), 'invalid_request');

      const elsewhere = (await authorizationRequest(config, 'https://attacker.example/cb')).url;
      const page = await browser.request(elsewhere);
      assert.equal(page.status, 400);
      assert.equal(page.location, null);
      assert.match(page.text, /Connexion impossible/);
      assert.match(page.text, /invalid_redirect_uri/);
      assert.doesNotMatch(page.text, /attacker\.example/);

      await assert.rejects(
        oidc.authorizationCodeGrant(
          config,
          new URL(`${redirectUri}?code=forged&state=x&iss=${encodeURIComponent(issuer.origin)}`),
          {
            pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
            expectedState: 'x',
          },
        ),
        { error: 'invalid_grant' },
      );
      const wrongSecret = await oidc.discovery(
        issuer,
        config.clientMetadata().client_id,
        undefined,
        oidc.ClientSecretBasic('nope'),
        {
          execute: [oidc.allowInsecureRequests],
        },
      );
      await assert.rejects(oidc.refreshTokenGrant(wrongSecret, 'whatever'), (error: unknown) => {
        const challenge = (error as { cause?: { parameters?: { error?: string } }[] }).cause?.[0];
        assert.equal(challenge?.parameters?.error ?? (error as { error?: string }).error, 'invalid_client');
        return true;
      });
    });

    test('signing out of Sésame ends the provider session: prompt=none says login_required, the client is told', async () => {
      const receiver = await startBackchannelReceiver();
      after(() => receiver.close());
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps, {
        firstParty: true,
        backchannelLogoutUri: receiver.url,
      });
      const browser = createHttpBrowser();
      await signInThroughProvider(
        browser,
        (await authorizationRequest(config, redirectUri)).url,
        redirectUri,
        {
          email: account.email,
          password,
        },
      );
      const silent = await browser.follow(
        (await authorizationRequest(config, redirectUri, { prompt: 'none' })).url,
        redirectUri,
      );
      assert.ok(silent.location?.searchParams.get('code'), 'signed in: prompt=none gets a code');
      const account_ = await browser.request(new URL('/account', issuer));
      const { fields } = formOn(account_.text, '/logout');
      await browser.request(new URL('/logout', issuer), { form: fields });
      const afterSignOut = await browser.follow(
        (await authorizationRequest(config, redirectUri, { prompt: 'none' })).url,
        redirectUri,
      );
      assert.equal(afterSignOut.location?.searchParams.get('error'), 'login_required');
      assert.equal((await deliverBackchannelLogouts(t.deps, createOidcProviderHolder(t.deps))).delivered, 1);
      assert.equal(receiver.tokens.length, 1, 'the application that signed the customer in is told');
    });

    test('RP-initiated logout on our page ends the Sésame session and returns to the client', async () => {
      const { account, password } = await customer();
      const { config, redirectUri } = await relyingParty(t.deps, { firstParty: true });
      const { tokens, browser } = await codeFlow(config, redirectUri, { email: account.email, password });
      const endSession = oidc.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token as string,
        post_logout_redirect_uri: 'http://127.0.0.1:9/bye',
        state: 'bye-state',
      });
      const confirm = await browser.request(endSession);
      assert.equal(confirm.status, 200);
      assert.match(confirm.text, /Oui, me déconnecter/);
      const form = formOn(confirm.text, `${issuer.origin}/oidc/session/end/confirm`);
      const done = await browser.request(new URL(form.action, issuer), {
        form: { ...form.fields, logout: 'yes' },
      });
      assert.equal(done.location?.origin + (done.location?.pathname ?? ''), 'http://127.0.0.1:9/bye');
      assert.equal(done.location?.searchParams.get('state'), 'bye-state');
      const areaAfter = await browser.request(new URL('/account', issuer));
      assert.equal(areaAfter.status, 303, 'the Sésame session ended too');
      assert.match(areaAfter.location?.pathname ?? '', /^\/login/);
    });

    test('a password change revokes refresh tokens and sends a signed back-channel logout token', async () => {
      const receiver = await startBackchannelReceiver();
      try {
        const { account, password } = await customer();
        const { config, redirectUri, client } = await relyingParty(t.deps, {
          firstParty: true,
          backchannelLogoutUri: receiver.url,
        });
        const browser = createHttpBrowser();
        const request = await authorizationRequest(config, redirectUri);
        const back = await signInThroughProvider(browser, request.url, redirectUri, {
          email: account.email,
          password,
        });
        const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
        });
        await changePassword(
          t.deps,
          { account, sessionId: randomUUID() },
          { currentPassword: password, newPassword: OTHER_STRONG_PASSWORD },
          noRequestMeta,
        );
        await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token as string), {
          error: 'invalid_grant',
        });
        const report = await deliverBackchannelLogouts(t.deps, createOidcProviderHolder(t.deps));
        assert.equal(report.delivered, 1);
        assert.equal(receiver.tokens.length, 1);
        const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
        const { payload } = await jwtVerify(receiver.tokens[0] as string, jwks, {
          issuer: issuer.origin,
          audience: client.clientId,
        });
        assert.equal(payload.sub, account.id);
        assert.ok(
          (payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout'],
        );
        assert.equal(
          (await deliverBackchannelLogouts(t.deps, createOidcProviderHolder(t.deps))).delivered,
          0,
          'sent once',
        );
      } finally {
        await receiver.close();
      }
    });

    test('a recovery completion signs the former holder out of the application (back-channel logout)', async () => {
      const receiver = await startBackchannelReceiver();
      after(() => receiver.close());
      const { account, password } = await approvedRecoveryCase(t);
      const { config, redirectUri } = await relyingParty(t.deps, {
        firstParty: true,
        backchannelLogoutUri: receiver.url,
      });
      const request = await authorizationRequest(config, redirectUri);
      const back = await signInThroughProvider(createHttpBrowser(), request.url, redirectUri, {
        email: account.email,
        password,
      });
      const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      });
      t.clock.advance(25 * HOUR);
      assert.ok((await completeDueRecoveryCases(t.deps)).completed >= 1);
      await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token as string), {
        error: 'invalid_grant',
      });
      assert.equal((await deliverBackchannelLogouts(t.deps, createOidcProviderHolder(t.deps))).delivered, 1);
      assert.equal(receiver.tokens.length, 1);
    });

    test('a client authenticates with its own key (private_key_jwt), none with a forged one', async () => {
      const { account, password } = await customer();
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid: 'panel-1', alg: 'RS256', use: 'sig' };
      const { client } = await createOidcClient(
        t.deps,
        {
          name: 'Panneau à clé',
          redirectUris: ['http://127.0.0.1:9/callback'],
          firstParty: true,
          jwks: { keys: [jwk] },
        },
        { type: 'system', id: 'test' },
      );
      assert.equal(client.tokenEndpointAuthMethod, 'private_key_jwt');
      const discover = (key: CryptoKey) =>
        oidc.discovery(issuer, client.clientId, undefined, oidc.PrivateKeyJwt({ key, kid: 'panel-1' }), {
          execute: [oidc.allowInsecureRequests],
        });
      const config = await discover(privateKey);
      const request = await authorizationRequest(config, 'http://127.0.0.1:9/callback');
      const back = await signInThroughProvider(
        createHttpBrowser(),
        request.url,
        'http://127.0.0.1:9/callback',
        {
          email: account.email,
          password,
        },
      );
      const tokens = await oidc.authorizationCodeGrant(config, back.location as URL, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      });
      assert.equal(tokens.claims()?.sub, account.id);
      const forged = await discover((await generateKeyPair('RS256')).privateKey);
      await assert.rejects(
        oidc.refreshTokenGrant(forged, tokens.refresh_token as string),
        (error: unknown) => {
          const challenge = (error as { cause?: { parameters?: { error?: string } }[] }).cause?.[0];
          assert.equal(challenge?.parameters?.error ?? (error as { error?: string }).error, 'invalid_client');
          return true;
        },
      );
    });

    test('back-channel notices: two workers at once send each once; a dead endpoint is retried, then abandoned', async () => {
      const receiver = await startBackchannelReceiver();
      after(() => receiver.close());
      const live = await relyingParty(t.deps, { backchannelLogoutUri: receiver.url });
      const dead = await relyingParty(t.deps, {
        backchannelLogoutUri: 'http://127.0.0.1:9/backchannel-logout',
      });
      const { account } = await customer();
      const queue = (clientId: string) =>
        t.deps.db
          .insertInto('oidc_backchannel_logouts')
          .values({
            id: randomUUID(),
            client_id: clientId,
            account_id: account.id,
            reason: 'access_revoked',
            next_attempt_at: t.clock.now(),
            created_at: t.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      await queue(live.client.clientId);
      const deadNotice = await queue(dead.client.clientId);
      const providers = createOidcProviderHolder(t.deps);
      const rounds = await Promise.all([
        deliverBackchannelLogouts(t.deps, providers),
        deliverBackchannelLogouts(t.deps, providers),
      ]);
      assert.equal(
        rounds.reduce((sum, round) => sum + round.delivered, 0),
        1,
      );
      assert.equal(receiver.tokens.length, 1, 'sent once');
      for (let attempt = 2; attempt <= BACKCHANNEL_MAX_ATTEMPTS; attempt++) {
        t.clock.advance(backchannelRetryDelayMs(attempt - 1) + 1);
        await deliverBackchannelLogouts(t.deps, providers);
      }
      const row = await t.deps.db
        .selectFrom('oidc_backchannel_logouts')
        .selectAll()
        .where('id', '=', deadNotice.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'abandoned');
      assert.equal(row.attempts, BACKCHANNEL_MAX_ATTEMPTS);
      assert.ok(row.last_error);
    });

    test('a disabled client can neither start a sign-in nor use its tokens; state is shared by instances', async () => {
      const { account, password } = await customer();
      const { config, redirectUri, client } = await relyingParty(t.deps, { firstParty: true });
      const { tokens, browser } = await codeFlow(config, redirectUri, { email: account.email, password });
      // Another instance on the same database (and master key) knows the token: nothing is in memory.
      const other = await buildApp(t.deps);
      try {
        const userinfo = await other.inject({
          method: 'GET',
          url: '/oidc/me',
          headers: { authorization: `Bearer ${tokens.access_token}` },
        });
        assert.equal(userinfo.statusCode, 200);
        assert.equal(userinfo.json().sub, account.id);
      } finally {
        await other.close();
      }
      await disableOidcClient(t.deps, client.clientId, { type: 'system', id: 'test' });
      await assert.rejects(
        oidc.refreshTokenGrant(config, tokens.refresh_token as string),
        (error: unknown) => {
          // openid-client reports a 401 with a WWW-Authenticate challenge naming the error.
          const challenge = (error as { cause?: { parameters?: { error?: string } }[] }).cause?.[0];
          assert.equal(challenge?.parameters?.error, 'invalid_client');
          return true;
        },
      );
      const page = await browser.request((await authorizationRequest(config, redirectUri)).url);
      assert.equal(page.status, 400);
      assert.equal(page.location, null);
    });
  });
}
