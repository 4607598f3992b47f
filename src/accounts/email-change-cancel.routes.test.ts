import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { HOUR } from '../platform/clock.ts';

let counter = 0;
const freshAddress = () => `annulee-${++counter}-${Date.now()}@example.net`;

async function customerWithPendingChange(t: TestApp) {
  const { account } = await createTestAccount(t.deps);
  const client = createClient(t.app);
  await client.signIn(account.email, STRONG_PASSWORD);
  const newEmail = freshAddress();
  t.clock.advance(1000);
  const asked = await client.api('POST', '/api/v1/account/email', { newEmail, password: STRONG_PASSWORD });
  assert.equal(asked.statusCode, 202);
  const emails = await queuedEmails(t, { to: newEmail, kind: 'email-change-confirmation' });
  return { account, client, newEmail, token: tokenFromLink(emails.at(-1)?.text ?? '') };
}

const confirm = (t: TestApp, token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/account/email/confirm', payload: { token } });

const emailOnFiche = async (t: TestApp, id: string) =>
  (await t.deps.db.selectFrom('accounts').select('email').where('id', '=', id).executeTakeFirstOrThrow())
    .email;

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`pending email change on the fiche [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('shows the address it waits for, since when and until when, on the page and in GET /api/v1/account', async () => {
      const { client, newEmail } = await customerWithPendingChange(t);
      const page = await client.request({ method: 'GET', url: '/account' });
      assert.match(page.body, /Changement d’adresse e-mail en attente/);
      assert.ok(page.body.includes(`Un lien de confirmation a été envoyé à ${newEmail} le `));
      assert.match(page.body, /valable jusqu’au \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);
      assert.match(page.body, /Annuler la modification/);
      const fiche = (await client.api('GET', '/api/v1/account')).json();
      assert.equal(fiche.pendingEmailChange.newEmail, newEmail);
      const requested = new Date(fiche.pendingEmailChange.requestedAt).getTime();
      assert.equal(new Date(fiche.pendingEmailChange.expiresAt).getTime() - requested, 24 * HOUR);
    });

    it('« Annuler la modification » kills the link, keeps the address, says so and audits it', async () => {
      const { account, client, token } = await customerWithPendingChange(t);
      const page = await client.request({ method: 'GET', url: '/account' });
      const cancelled = await client.request({
        method: 'POST',
        url: '/account/email/cancel',
        form: { _csrf: csrfOf(page.body) },
      });
      assert.equal(cancelled.statusCode, 303);
      assert.equal(cancelled.headers.location, '/account?emailChange=cancelled');
      const after = await client.request({ method: 'GET', url: '/account?emailChange=cancelled' });
      assert.match(after.body, /La modification de l’adresse e-mail est annulée/);
      assert.doesNotMatch(after.body, /data-pending-email-change/);
      assert.equal((await confirm(t, token)).statusCode, 400, 'the link no longer works');
      assert.equal(await emailOnFiche(t, account.id), account.email);
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('account_id', '=', account.id)
        .where('action', '=', 'email_change.cancelled')
        .execute();
      assert.equal(events.length, 1);
      assert.equal((await client.api('GET', '/api/v1/account')).json().pendingEmailChange, null);
    });

    it('DELETE /api/v1/account/email answers 204, then 404 when nothing is pending, 401 without a session', async () => {
      const { client, token } = await customerWithPendingChange(t);
      assert.equal((await client.api('DELETE', '/api/v1/account/email')).statusCode, 204);
      assert.equal((await client.api('DELETE', '/api/v1/account/email')).statusCode, 404);
      assert.equal((await confirm(t, token)).statusCode, 400);
      assert.equal((await createClient(t.app).api('DELETE', '/api/v1/account/email')).statusCode, 401);
    });

    it('a confirmed change is no longer pending and cannot be cancelled', async () => {
      const { account, client, newEmail, token } = await customerWithPendingChange(t);
      assert.equal((await confirm(t, token)).statusCode, 204);
      assert.equal((await client.api('DELETE', '/api/v1/account/email')).statusCode, 404);
      assert.equal(await emailOnFiche(t, account.id), newEmail);
    });

    it('an expired link is not shown as pending', async () => {
      const { account, client } = await customerWithPendingChange(t);
      t.clock.advance(24 * HOUR + 1000);
      assert.equal((await client.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
      const page = await client.request({ method: 'GET', url: '/account' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Ma fiche client<\/h1>/);
      assert.doesNotMatch(page.body, /data-pending-email-change/);
      assert.equal((await client.api('DELETE', '/api/v1/account/email')).statusCode, 404);
    });

    it('cancel and confirm fired together: exactly one wins and the end state agrees with it', async () => {
      for (let round = 0; round < 4; round++) {
        const { account, client, newEmail, token } = await customerWithPendingChange(t);
        const [cancelled, confirmed] = await Promise.all([
          client.api('DELETE', '/api/v1/account/email'),
          confirm(t, token),
        ]);
        const statuses = [cancelled.statusCode, confirmed.statusCode];
        const onFiche = await emailOnFiche(t, account.id);
        const actions = (
          await t.deps.db
            .selectFrom('audit_events')
            .select('action')
            .where('account_id', '=', account.id)
            .where('action', 'in', ['email_change.cancelled', 'email_change.confirmed'])
            .execute()
        ).map((row) => row.action);
        if (cancelled.statusCode === 204) {
          assert.deepEqual(statuses, [204, 400], 'the cancel won: the link is refused');
          assert.equal(onFiche, account.email);
          assert.deepEqual(actions, ['email_change.cancelled']);
        } else {
          assert.deepEqual(statuses, [404, 204], 'the confirmation won: nothing left to cancel');
          assert.equal(onFiche, newEmail);
          assert.deepEqual(actions, ['email_change.confirmed']);
        }
      }
    });
  });
}
