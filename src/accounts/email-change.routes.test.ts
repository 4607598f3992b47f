import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { resolvePasswordResetRequests } from '../password-reset/password-reset.service.ts';
import { HOUR } from '../platform/clock.ts';

let counter = 0;
const freshAddress = () => `nouvelle-${++counter}-${Date.now()}@example.net`;

/** A signed-in customer with a client that sends the CSRF token. */
async function signedInCustomer(t: TestApp) {
  const { account } = await createTestAccount(t.deps);
  const client = createClient(t.app);
  await client.signIn(account.email, STRONG_PASSWORD);
  return { account, client };
}

async function requestChange(t: TestApp, client: ReturnType<typeof createClient>, newEmail: string) {
  // Queued emails are listed by creation time: a tick apart, the newest is the last.
  t.clock.advance(1000);
  return client.api('POST', '/api/v1/account/email', { newEmail, password: STRONG_PASSWORD });
}

async function confirmationToken(t: TestApp, newEmail: string): Promise<string> {
  const emails = await queuedEmails(t, { to: newEmail, kind: 'email-change-confirmation' });
  return tokenFromLink(emails.at(-1)?.text ?? '');
}

const confirm = (t: TestApp, token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/account/email/confirm', payload: { token } });

const emailOnFiche = async (t: TestApp, id: string) =>
  (await t.deps.db.selectFrom('accounts').select('email').where('id', '=', id).executeTakeFirstOrThrow())
    .email;

for (const kind of testDatabaseKinds()) {
  describe(`email change [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    describe('POST /api/v1/account/email', () => {
      it('answers 202, sends a link to the new address and leaves the fiche unchanged', async () => {
        const { account, client } = await signedInCustomer(t);
        const newEmail = freshAddress();
        const response = await requestChange(t, client, newEmail);
        assert.equal(response.statusCode, 202);
        assert.deepEqual(response.json(), {});
        const [email] = await queuedEmails(t, { to: newEmail });
        assert.equal(email?.kind, 'email-change-confirmation');
        assert.match(email?.text ?? '', /\/account\/email\/confirm\?token=[\w-]{43}\b/);
        assert.equal(await emailOnFiche(t, account.id), account.email);
        assert.equal((await queuedEmails(t, { to: account.email })).length, 0);
      });

      it('answers the same 202 for an address already on another fiche, and tells only that mailbox', async () => {
        const other = await createTestAccount(t.deps);
        const { account, client } = await signedInCustomer(t);
        const free = await requestChange(t, client, freshAddress());
        const taken = await requestChange(t, client, other.account.email.toUpperCase());
        assert.equal(taken.statusCode, free.statusCode);
        assert.equal(taken.body, free.body);
        // Sent to the address as stored on the other fiche, not as typed.
        const [notice] = await queuedEmails(t, { to: other.account.email });
        assert.equal(notice?.kind, 'email-change-address-in-use');
        assert.doesNotMatch(notice?.text ?? '', /token=/, 'no link that could confirm anything');
        assert.doesNotMatch(
          notice?.text ?? '',
          new RegExp(account.lastName ?? 'x'),
          'the requester is not named',
        );
        assert.equal(await emailOnFiche(t, account.id), account.email);
      });

      it('answers 401 to a wrong password and throttles guesses like sign-in', async () => {
        const { account, client } = await signedInCustomer(t);
        const statuses = [];
        for (let i = 0; i < 7; i++) {
          const response = await client.api('POST', '/api/v1/account/email', {
            newEmail: freshAddress(),
            password: `Wrong-Password-${i}`,
          });
          statuses.push(response.statusCode);
        }
        assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
        assert.equal(statuses.at(-1), 429);
        assert.equal((await queuedEmails(t, { accountId: account.id })).length, 0);
      });

      it('refuses an invalid address and the current one with 422, and answers 401 without a session', async () => {
        const { account, client } = await signedInCustomer(t);
        const invalid = await client.api('POST', '/api/v1/account/email', {
          newEmail: 'jean@',
          password: STRONG_PASSWORD,
        });
        assert.equal(invalid.statusCode, 422);
        assert.equal(invalid.json().errors[0].code, 'invalid_email');
        const same = await requestChange(t, client, account.email.toUpperCase());
        assert.equal(same.statusCode, 422);
        assert.equal(same.json().errors[0].code, 'email_unchanged');
        const anonymous = await t.app.inject({
          method: 'POST',
          url: '/api/v1/account/email',
          payload: { newEmail: freshAddress(), password: STRONG_PASSWORD },
        });
        assert.equal(anonymous.statusCode, 401);
      });

      it('caps requests per account: the 6th within the hour waits', async () => {
        const { client } = await signedInCustomer(t);
        const statuses = [];
        for (let i = 0; i < 6; i++)
          statuses.push((await requestChange(t, client, freshAddress())).statusCode);
        assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
      });
    });

    describe('POST /api/v1/account/email/confirm', () => {
      it('replaces the email, verifies it, tells the old address, audits, and the new address signs in', async () => {
        const { account, client } = await signedInCustomer(t);
        const newEmail = freshAddress();
        await requestChange(t, client, newEmail);
        const response = await confirm(t, await confirmationToken(t, newEmail));
        assert.equal(response.statusCode, 204);
        const fiche = (await client.api('GET', '/api/v1/account')).json();
        assert.equal(fiche.email, newEmail);
        assert.equal(fiche.emailVerifiedAt, t.clock.now().toISOString());
        const [notice] = await queuedEmails(t, { to: account.email, kind: 'email-changed-notice' });
        assert.ok(notice, 'a notice goes to the old address');
        assert.match(notice.text, /n•••@example\.net/);
        assert.ok(!notice.text.includes(newEmail), 'the new address is masked');
        const actions = await t.deps.db
          .selectFrom('audit_events')
          .select('action')
          .where('account_id', '=', account.id)
          .where('action', 'like', 'email_change.%')
          .orderBy('seq')
          .execute();
        assert.deepEqual(
          actions.map((a) => a.action),
          ['email_change.requested', 'email_change.confirmed'],
        );
        assert.equal((await createClient(t.app).signIn(newEmail, STRONG_PASSWORD)).statusCode, 200);
        assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 401);
      });

      it('refuses a used, an expired, a superseded and a password-change-invalidated link alike', async () => {
        const { account, client } = await signedInCustomer(t);
        const used = freshAddress();
        await requestChange(t, client, used);
        const usedToken = await confirmationToken(t, used);
        assert.equal((await confirm(t, usedToken)).statusCode, 204);
        const refusals = [await confirm(t, usedToken)];

        const older = freshAddress();
        await requestChange(t, client, older);
        const newer = freshAddress();
        await requestChange(t, client, newer);
        refusals.push(await confirm(t, await confirmationToken(t, older)));

        t.clock.advance(24 * HOUR);
        refusals.push(await confirm(t, await confirmationToken(t, newer)));

        const afterPasswordChange = freshAddress();
        const again = createClient(t.app);
        await again.signIn(used, STRONG_PASSWORD);
        await requestChange(t, again, afterPasswordChange);
        const changed = await again.api('POST', '/api/v1/account/password', {
          currentPassword: STRONG_PASSWORD,
          newPassword: OTHER_STRONG_PASSWORD,
        });
        assert.equal(changed.statusCode, 204);
        refusals.push(await confirm(t, await confirmationToken(t, afterPasswordChange)));

        for (const refusal of refusals) {
          assert.equal(refusal.statusCode, 400);
          assert.deepEqual(refusal.json(), refusals[0]?.json());
        }
        assert.equal(refusals[0]?.json().code, 'invalid-token');
        assert.equal(await emailOnFiche(t, account.id), used);
      });

      it('lets exactly one of two concurrent confirmations win', async () => {
        const { account, client } = await signedInCustomer(t);
        const newEmail = freshAddress();
        await requestChange(t, client, newEmail);
        const token = await confirmationToken(t, newEmail);
        const results = await Promise.all([confirm(t, token), confirm(t, token)]);
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [204, 400]);
        assert.equal((await queuedEmails(t, { to: account.email, kind: 'email-changed-notice' })).length, 1);
      });

      it('refuses the link when the address was taken by another fiche in the meantime', async () => {
        const { account, client } = await signedInCustomer(t);
        const newEmail = freshAddress();
        await requestChange(t, client, newEmail);
        await createTestAccount(t.deps, { email: newEmail });
        assert.equal((await confirm(t, await confirmationToken(t, newEmail))).statusCode, 400);
        assert.equal(await emailOnFiche(t, account.id), account.email);
      });

      it('kills a reset link sent to the old address', async () => {
        const { account, client } = await signedInCustomer(t);
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/password/forgot',
          payload: { email: account.email },
          remoteAddress: '192.0.2.77',
        });
        await resolvePasswordResetRequests(t.deps);
        const [reset] = await queuedEmails(t, { to: account.email, kind: 'password-reset' });
        const newEmail = freshAddress();
        await requestChange(t, client, newEmail);
        assert.equal((await confirm(t, await confirmationToken(t, newEmail))).statusCode, 204);
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/password/reset',
          payload: { token: tokenFromLink(reset?.text ?? ''), newPassword: OTHER_STRONG_PASSWORD },
        });
        assert.equal(response.statusCode, 400);
      });
    });
  });
}
