import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';
import { hashToken } from '../platform/crypto/tokens.ts';

let ipCounter = 0;
/** A client on an IP of its own: the per-IP throttle must not leak from one test into another. */
function freshClient(t: TestApp) {
  ipCounter += 1;
  return createClient(t.app, 'test', `198.51.100.${ipCounter}`);
}
const forgot = (t: TestApp, email: unknown, client = freshClient(t)) =>
  client.request({ method: 'POST', url: '/api/v1/password/forgot', payload: { email } });

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/password/forgot [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
    });
    after(() => t.close());

    it('answers the same 202 {} for a known and an unknown address, and emails only the known one', async () => {
      const { account } = await createTestAccount(t.deps);
      const nobody = `nobody-${Date.now()}@example.org`;
      const known = await forgot(t, account.email);
      const unknown = await forgot(t, nobody);
      for (const response of [known, unknown]) {
        assert.equal(response.statusCode, 202);
        assert.equal(response.body, '{}');
        assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
      }
      assert.deepEqual(Object.keys(known.headers).sort(), Object.keys(unknown.headers).sort());
      assert.equal((await queuedEmails(t, { kind: 'password-reset', to: account.email })).length, 1);
      assert.equal((await queuedEmails(t, { to: nobody })).length, 0);
    });

    it('sends the link to the address stored on the fiche, whatever the case and spaces typed', async () => {
      const stored = `Jean.Dupont.${Date.now()}@example.fr`;
      const { account } = await createTestAccount(t.deps, { email: stored });
      assert.equal((await forgot(t, `   ${stored.toUpperCase()}  `)).statusCode, 202);
      const [email] = await queuedEmails(t, { kind: 'password-reset', accountId: account.id });
      assert.equal(email?.to, account.email);
      assert.equal(email?.to, stored);
    });

    it('matches no fiche with a look-alike address (Cyrillic а) and sends nothing', async () => {
      const { account } = await createTestAccount(t.deps, { email: `alice.${Date.now()}@example.fr` });
      const lookalike = account.email.replace('a', '\u0430');
      assert.equal((await forgot(t, lookalike)).statusCode, 202);
      assert.equal((await queuedEmails(t, { accountId: account.id, kind: 'password-reset' })).length, 0);
    });

    it('refuses a non-string address with 422 (no list of recipients), and answers 202 to any string', async () => {
      const { account } = await createTestAccount(t.deps);
      for (const email of [[account.email, 'attacker@example.org'], { to: account.email }, 42, null]) {
        const response = await forgot(t, email);
        assert.equal(response.statusCode, 422, JSON.stringify(email));
        assert.equal(response.json().code, 'validation-failed');
      }
      assert.equal((await forgot(t, 'not an address')).statusCode, 202);
      assert.equal((await forgot(t, '')).statusCode, 202);
      assert.equal((await queuedEmails(t, { accountId: account.id })).length, 0);
    });

    it('builds the link from PUBLIC_URL, never from the Host header, with a 256-bit token stored hashed', async () => {
      const { account } = await createTestAccount(t.deps);
      const response = await freshClient(t).request({
        method: 'POST',
        url: '/api/v1/password/forgot',
        payload: { email: account.email },
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      });
      assert.equal(response.statusCode, 202);
      const [email] = await queuedEmails(t, { kind: 'password-reset', accountId: account.id });
      assert.match(email?.text ?? '', /https:\/\/espace\.example\.fr\/password\/reset\?token=[\w-]{43}\b/);
      assert.match(email?.html ?? '', /href="https:\/\/espace\.example\.fr\/password\/reset\?token=/);
      assert.doesNotMatch(`${email?.text}${email?.html}`, /evil\.example/);
      const token = tokenFromLink(email?.text ?? '');
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      const rows = await t.deps.db
        .selectFrom('password_reset_tokens')
        .select('token_hash')
        .where('account_id', '=', account.id)
        .execute();
      assert.deepEqual(
        rows.map((r) => r.token_hash),
        [hashToken(token)],
      );
    });

    it('writes a password_reset.requested audit event, for unknown addresses too', async () => {
      const { account } = await createTestAccount(t.deps);
      await forgot(t, account.email);
      await forgot(t, `ghost-${Date.now()}@example.org`);
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select(['account_id', 'details'])
        .where('action', '=', 'password_reset.requested')
        .orderBy('seq', 'desc')
        .limit(2)
        .execute();
      assert.deepEqual(
        events.map((e) => [e.account_id, e.details.accountFound]),
        [
          [null, false],
          [account.id, true],
        ],
      );
    });

    it('throttles the 4th request for one address within the hour, known or not, then lets it through', async () => {
      const { account } = await createTestAccount(t.deps);
      for (const email of [account.email, `unknown-${Date.now()}@example.org`]) {
        const statuses = [];
        // A new IP each time: only the per-address limit is at play.
        for (let i = 0; i < 4; i++) statuses.push((await forgot(t, email)).statusCode);
        assert.deepEqual(statuses, [202, 202, 202, 429]);
      }
      const throttled = await forgot(t, account.email);
      assert.equal(throttled.statusCode, 429);
      assert.ok(Number(throttled.headers['retry-after']) >= 1);
      assert.equal((await queuedEmails(t, { accountId: account.id, kind: 'password-reset' })).length, 3);
      t.clock.advance(MINUTE + 1000);
      assert.equal((await forgot(t, account.email)).statusCode, 202);
    });

    it('throttles one IP after 20 requests an hour, whatever the addresses', async () => {
      const client = freshClient(t);
      const statuses = [];
      for (let i = 0; i < 21; i++)
        statuses.push((await forgot(t, `sweep${i}-${Date.now()}@example.org`, client)).statusCode);
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(202));
      assert.equal(statuses[20], 429);
    });
  });
}
