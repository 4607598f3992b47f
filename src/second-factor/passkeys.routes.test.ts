import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';
import { consumeChallenge, insertChallenge, insertPasskey } from './passkeys.repository.ts';
import { replaceRecoveryCodes } from './second-factor.repository.ts';
import { createRecoveryCodes, hashRecoveryCode } from './second-factor.ts';

/** A clientDataJSON naming `challenge`, as a browser would encode it (the signature is what a forger lacks). */
function clientData(challenge: string, type = 'webauthn.create'): string {
  return Buffer.from(JSON.stringify({ type, challenge, origin: 'http://127.0.0.1:3000' })).toString(
    'base64url',
  );
}

for (const kind of testDatabaseKinds()) {
  describe(`passkeys: rules the browser cannot bend [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    async function signedIn() {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      assert.equal((await client.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
      return { account, client };
    }

    /** A stored passkey (its key is never checked here: these tests never get to a signature). */
    async function storedPasskey(accountId: string, name: string) {
      return t.deps.db.transaction().execute((tx) =>
        insertPasskey(tx, {
          accountId,
          credentialId: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url'),
          publicKey: new Uint8Array([1, 2, 3]),
          signCount: 0,
          transports: ['internal'],
          deviceType: 'multiDevice',
          backedUp: true,
          name,
          createdAt: t.clock.now(),
        }),
      );
    }

    it('asks for the current password to add a passkey, unless the sign-in is less than ten minutes old', async () => {
      const { account, client } = await signedIn();
      const fresh = await client.api('POST', '/api/v1/account/passkeys/options', {});
      assert.equal(fresh.statusCode, 200, fresh.body);
      const options = fresh.json().options;
      assert.equal(options.rp.id, '127.0.0.1');
      assert.equal(options.authenticatorSelection.residentKey, 'required');
      assert.equal(options.authenticatorSelection.userVerification, 'preferred');
      assert.equal(
        Buffer.from(options.user.id, 'base64url').toString(),
        account.id,
        'the handle is the opaque id',
      );
      assert.notEqual(options.user.id, Buffer.from(account.email).toString('base64url'));
      const stored = await t.deps.db
        .selectFrom('webauthn_challenges')
        .select(['purpose', 'account_id', 'expires_at'])
        .where('challenge', '=', options.challenge)
        .executeTakeFirstOrThrow();
      assert.equal(stored.purpose, 'registration');
      assert.equal(stored.account_id, account.id);
      assert.equal(stored.expires_at.getTime(), t.clock.now().getTime() + 5 * MINUTE);

      t.clock.advance(11 * MINUTE);
      const stale = await client.api('POST', '/api/v1/account/passkeys/options', {});
      assert.equal(stale.statusCode, 401);
      assert.equal(stale.json().errors[0].field, 'currentPassword');
      const wrong = await client.api('POST', '/api/v1/account/passkeys/options', {
        currentPassword: 'Nope-Nope-1234',
      });
      assert.equal(wrong.statusCode, 401);
      const right = await client.api('POST', '/api/v1/account/passkeys/options', {
        currentPassword: STRONG_PASSWORD,
      });
      assert.equal(right.statusCode, 200);
    });

    it('refuses an answer to a challenge it never issued, or issued to another account, and burns it', async () => {
      const { client } = await signedIn();
      const other = await signedIn();
      const theirs = (await other.client.api('POST', '/api/v1/account/passkeys/options', {})).json().options;
      const forged = (challenge: string) => ({
        name: 'Volée',
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: clientData(challenge), attestationObject: 'AAAA' },
          clientExtensionResults: {},
        },
      });
      const unknown = await client.api('POST', '/api/v1/account/passkeys', forged('bm90LWlzc3VlZA'));
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().errors[0].code, 'passkey_refused');
      const stolen = await client.api('POST', '/api/v1/account/passkeys', forged(theirs.challenge));
      assert.equal(stolen.statusCode, 400);
      const used = await t.deps.db
        .selectFrom('webauthn_challenges')
        .select('used_at')
        .where('challenge', '=', theirs.challenge)
        .executeTakeFirstOrThrow();
      assert.ok(used.used_at, 'a challenge tried by the wrong account is spent: it cannot be tried again');
      assert.equal((await t.deps.db.selectFrom('customer_passkeys').select('id').execute()).length, 0);
    });

    it('a challenge is used once: ten concurrent consumers, one winner; wrong purpose or expired, none', async () => {
      const now = t.clock.now();
      const expiresAt = new Date(now.getTime() + 5 * MINUTE);
      await insertChallenge(t.deps.db, {
        challenge: 'race-1',
        purpose: 'passwordless',
        accountId: null,
        now,
        expiresAt,
      });
      const results = await Promise.all(
        Array.from({ length: 10 }, () => consumeChallenge(t.deps.db, 'race-1', 'passwordless', now)),
      );
      assert.equal(results.filter((r) => r !== undefined).length, 1);
      await insertChallenge(t.deps.db, {
        challenge: 'race-2',
        purpose: 'registration',
        accountId: null,
        now,
        expiresAt,
      });
      assert.equal(
        await consumeChallenge(t.deps.db, 'race-2', 'passwordless', now),
        undefined,
        'wrong purpose',
      );
      assert.equal(
        await consumeChallenge(t.deps.db, 'race-2', 'registration', expiresAt),
        undefined,
        'expired',
      );
    });

    it('renames and removes a passkey; removing the last factor takes the recovery codes and tells the owner', async () => {
      const { account, client } = await signedIn();
      const first = await storedPasskey(account.id, 'Téléphone');
      t.clock.advance(1000);
      const second = await storedPasskey(account.id, 'Clé USB');
      await t.deps.db
        .transaction()
        .execute((tx) =>
          replaceRecoveryCodes(tx, account.id, createRecoveryCodes().map(hashRecoveryCode), t.clock.now()),
        );
      const list = await client.api('GET', '/api/v1/account/passkeys');
      assert.deepEqual(
        list.json().passkeys.map((p: { name: string }) => p.name),
        ['Téléphone', 'Clé USB'],
      );
      assert.equal(JSON.stringify(list.json()).includes(first.credentialId), false, 'no credential id shown');
      assert.equal(
        (await client.api('PATCH', `/api/v1/account/passkeys/${first.id}`, { name: 'Téléphone pro' }))
          .statusCode,
        204,
      );
      const intruder = await signedIn();
      assert.equal(
        (await intruder.client.api('DELETE', `/api/v1/account/passkeys/${first.id}`, {})).statusCode,
        404,
      );

      assert.equal((await client.api('DELETE', `/api/v1/account/passkeys/${first.id}`, {})).statusCode, 204);
      const codesLeft = async () =>
        (
          await t.deps.db
            .selectFrom('recovery_codes')
            .select('id')
            .where('account_id', '=', account.id)
            .execute()
        ).length;
      assert.equal(await codesLeft(), 10, 'another passkey is left: the codes stay');
      assert.equal((await client.api('DELETE', `/api/v1/account/passkeys/${second.id}`, {})).statusCode, 204);
      assert.equal(await codesLeft(), 0, 'no factor left: no recovery codes either');
      const notices = await queuedEmails(t, { to: account.email, kind: 'second-factor-changed' });
      assert.equal(notices.length, 2);
      const renamedNotice = notices.find((n) => /« Téléphone pro » a été retirée/.test(n.text));
      const last = notices.find((n) => /« Clé USB » a été retirée/.test(n.text));
      assert.doesNotMatch(renamedNotice?.text ?? 'missing', /plus protégé que par son mot de passe/);
      assert.match(last?.text ?? '', /plus protégé que par son mot de passe/);
      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('account_id', '=', account.id)
        .where('action', 'like', 'mfa.passkey_%')
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        'mfa.passkey_removed',
        'mfa.passkey_removed',
        'mfa.passkey_renamed',
      ]);
    });

    it('a pending sign-in of an account with a passkey offers it first; options need that pending sign-in', async () => {
      const { account } = await createTestAccount(t.deps);
      await storedPasskey(account.id, 'Ordinateur');
      const client = createClient(t.app);
      const login = await client.signIn(account.email, STRONG_PASSWORD);
      assert.deepEqual(login.json(), { mfaRequired: true, methods: ['passkey', 'recovery_code'] });
      await client.refreshCsrf();
      const options = await client.api('POST', '/api/v1/auth/mfa/passkey-options');
      assert.equal(options.statusCode, 200, options.body);
      assert.equal(options.json().options.allowCredentials.length, 1);
      const page = await client.request({ method: 'GET', url: '/login/mfa' });
      assert.match(page.body, /data-passkey-sign-in="mfa"/);
      assert.doesNotMatch(page.body, /method=totp/, 'no app to offer: the form asks for a recovery code');

      const stranger = createClient(t.app);
      await stranger.refreshCsrf();
      assert.equal((await stranger.api('POST', '/api/v1/auth/mfa/passkey-options')).statusCode, 401);
    });

    it('serves the WebAuthn browser library from its own origin', async () => {
      const bundle = await t.app.inject({
        method: 'GET',
        url: '/static/vendor/simplewebauthn/index.umd.min.js',
      });
      assert.equal(bundle.statusCode, 200);
      assert.match(String(bundle.headers['content-type']), /javascript/);
      assert.match(bundle.body, /SimpleWebAuthnBrowser/);
      const login = await t.app.inject({ method: 'GET', url: '/login' });
      assert.match(login.body, /<script src="\/static\/vendor\/simplewebauthn\/index.umd.min.js" defer/);
      assert.doesNotMatch(login.body, /<script src="https?:/, 'no script from another origin');
    });
  });
}
