import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { recordingStatements } from '../../test/support/recording-statements.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';
import { hashToken } from '../platform/crypto/tokens.ts';
import { countPendingPasswordResetRequests } from './password-reset.repository.ts';
import { requestPasswordReset, resolvePasswordResetRequests } from './password-reset.service.ts';

let ipCounter = 0;
const freshMeta = () => {
  ipCounter += 1;
  return { ip: `198.51.100.${ipCounter}`, userAgent: 'test' };
};
/** A client on an IP of its own: the per-IP throttle must not leak from one test into another. */
function freshClient(t: TestApp) {
  ipCounter += 1;
  return createClient(t.app, 'test', `198.51.100.${ipCounter}`);
}
const request = (t: TestApp, email: unknown, client = freshClient(t)) =>
  client.request({ method: 'POST', url: '/api/v1/password/forgot', payload: { email } });
/** The request, then the worker's round that resolves it into a link and an email. */
async function forgot(t: TestApp, email: unknown, client = freshClient(t)) {
  const response = await request(t, email, client);
  await resolvePasswordResetRequests(t.deps);
  return response;
}

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
      await resolvePasswordResetRequests(t.deps);
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

    it('records a sealed request and returns: no account read, no link, no email, no event before the worker', async () => {
      const { account } = await createTestAccount(t.deps);
      const before = await countPendingPasswordResetRequests(t.deps.db);
      assert.equal((await request(t, account.email)).statusCode, 202);
      const pending = await t.deps.db.selectFrom('password_reset_requests').selectAll().execute();
      assert.equal(pending.length, before.pending + 1);
      assert.ok(pending.every((row) => !row.sealed_email.includes(account.email.split('@')[0] ?? '')));
      assert.equal((await queuedEmails(t, { accountId: account.id })).length, 0);
      const tokens = await t.deps.db
        .selectFrom('password_reset_tokens')
        .select('id')
        .where('account_id', '=', account.id)
        .execute();
      assert.equal(tokens.length, 0);
      const report = await resolvePasswordResetRequests(t.deps);
      assert.ok(report.resolved >= 1 && report.linksIssued >= 1);
      assert.equal((await countPendingPasswordResetRequests(t.deps.db)).pending, 0);
      assert.equal((await queuedEmails(t, { accountId: account.id, kind: 'password-reset' })).length, 1);
    });

    it('runs the very same statements for a known and an unknown address', async () => {
      const { account } = await createTestAccount(t.deps);
      const known = recordingStatements(t.deps.db);
      await requestPasswordReset({ ...t.deps, db: known.db }, { email: account.email }, freshMeta());
      const unknown = recordingStatements(t.deps.db);
      await requestPasswordReset(
        { ...t.deps, db: unknown.db },
        { email: `x${Date.now()}@example.org` },
        freshMeta(),
      );
      // SQL text only: the parameters differ by design (the sealed address, the time).
      const knownSql = known.statements.map((statement) => statement.sql);
      assert.ok(knownSql.length >= 2, knownSql.join('\n'));
      assert.deepEqual(
        unknown.statements.map((statement) => statement.sql),
        knownSql,
      );
      assert.ok(knownSql.every((statement) => !/from "accounts"/i.test(statement)));
      await resolvePasswordResetRequests(t.deps);
    });

    it('resolves requests taken by two workers at once exactly once each, leaving one live link', async () => {
      const { account } = await createTestAccount(t.deps);
      // Three requests for one address (the per-address budget), fired together from three IPs.
      const statuses = await Promise.all([0, 1, 2].map(() => request(t, account.email)));
      assert.deepEqual(
        statuses.map((r) => r.statusCode),
        [202, 202, 202],
      );
      const reports = await Promise.all([
        resolvePasswordResetRequests(t.deps),
        resolvePasswordResetRequests(t.deps),
      ]);
      assert.equal(reports[0].linksIssued + reports[1].linksIssued, 3);
      const tokens = await t.deps.db
        .selectFrom('password_reset_tokens')
        .select(['invalidated_at'])
        .where('account_id', '=', account.id)
        .execute();
      assert.equal(tokens.length, 3);
      assert.equal(tokens.filter((row) => row.invalidated_at === null).length, 1);
      assert.equal((await queuedEmails(t, { accountId: account.id, kind: 'password-reset' })).length, 3);
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select('ip')
        .where('account_id', '=', account.id)
        .where('action', '=', 'password_reset.requested')
        .execute();
      assert.equal(events.length, 3);
      assert.ok(
        events.every((event) => event.ip?.startsWith('198.51.100.')),
        'the requester IP is kept',
      );
    });

    it('gives up on a request that keeps failing, without holding up the ones behind it', async () => {
      const { account } = await createTestAccount(t.deps);
      await request(t, `broken-${Date.now()}@example.org`);
      // A box that cannot be opened (sealed under another row's id): every round fails on it.
      await t.deps.db.updateTable('password_reset_requests').set({ sealed_email: 'v1.x.AAAA' }).execute();
      await request(t, account.email);
      const first = await resolvePasswordResetRequests(t.deps);
      assert.deepEqual([first.failed, first.linksIssued], [1, 1]);
      for (let round = 1; round < 5; round++) await resolvePasswordResetRequests(t.deps);
      assert.equal((await countPendingPasswordResetRequests(t.deps.db)).pending, 0);
      assert.equal((await queuedEmails(t, { accountId: account.id, kind: 'password-reset' })).length, 1);
    });
  });
}
