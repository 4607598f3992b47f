import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import {
  approvedRecoveryCase,
  auditEventsOf,
  flagsOf,
  objectionTokenSentTo,
  reloadRecoveryCase,
} from '../../../test/support/recovery-objection.ts';
import { createTestStaff } from '../../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { HOUR } from '../../platform/clock.ts';
import { noRequestMeta } from '../../platform/deps.ts';
import { upsertRecoveryChecklistItem } from '../checklist.repository.ts';
import { completeDueRecoveryCases, completeRecoveryCase } from './completion.service.ts';

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

const objectByApi = (t: TestApp, token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/recovery/objection', payload: { token } });

for (const kind of testDatabaseKinds()) {
  describe(`recovery objection [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_OBJECTION_HOURS: '24' });
    });
    after(() => t.close());

    describe('GET /recovery/objection', () => {
      it('explains the change behind a button, keeps the token out of Referer and caches, and changes nothing', async () => {
        const { account, recoveryCase } = await approvedRecoveryCase(t);
        const token = await objectionTokenSentTo(t, account.email);
        const page = await t.app.inject({ method: 'GET', url: `/recovery/objection?token=${token}` });
        assert.equal(page.statusCode, 200);
        assert.equal(page.headers['referrer-policy'], 'no-referrer');
        assert.equal(page.headers['cache-control'], 'no-store');
        assert.match(page.body, /<h1>M’opposer au changement d’adresse de mon compte<\/h1>/);
        assert.match(page.body, /r•••@e•••\.net/);
        assert.match(page.body, new RegExp(`name="token" value="${token}"`));
        assert.match(page.body, /name="_csrf"/);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'approved');
      });

      it('answers the same invalid-link page (400) to an unknown token', async () => {
        const page = await t.app.inject({ method: 'GET', url: '/recovery/objection?token=inconnu' });
        assert.equal(page.statusCode, 400);
        assert.match(page.body, /Lien invalide ou expiré/);
      });
    });

    describe('POST /recovery/objection', () => {
      it('sends the case back to review, flagged, spends the link and tells the claimant', async () => {
        const { account, newEmail, recoveryCase } = await approvedRecoveryCase(t);
        const staff = await createTestStaff(t.deps);
        await t.deps.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('recovery_cases')
            .set({ approved_at: t.clock.now(), first_approved_at: t.clock.now() })
            .where('id', '=', recoveryCase.id)
            .execute();
          await upsertRecoveryChecklistItem(tx, recoveryCase.id, {
            item: 'identity_document_valid',
            verified: true,
            note: 'Pièce lisible et en cours de validité',
            staffId: staff.user.id,
            updatedAt: t.clock.now(),
          });
        });
        const token = await objectionTokenSentTo(t, account.email);
        const browser = createClient(t.app);
        const page = await browser.request({ method: 'GET', url: `/recovery/objection?token=${token}` });
        const posted = await browser.request({
          method: 'POST',
          url: '/recovery/objection',
          form: { token, _csrf: csrfIn(page.body) },
        });
        assert.equal(posted.statusCode, 303);
        assert.equal(posted.headers.location, '/recovery/objection?done=1');
        assert.equal(posted.headers['referrer-policy'], 'no-referrer');

        const after = await reloadRecoveryCase(t, recoveryCase.id);
        assert.equal(after.status, 'in_review');
        assert.equal(after.approvedAt, null);
        assert.equal(after.firstApprovedAt, null);
        const flags = await flagsOf(t, recoveryCase.id);
        assert.deepEqual(
          flags.map((f) => [f.code, f.resolved_at]),
          [['objection', null]],
        );
        const checklist = await t.deps.db
          .selectFrom('recovery_checklist_items')
          .select('verified')
          .where('case_id', '=', recoveryCase.id)
          .execute();
        assert.ok(
          checklist.every((item) => !item.verified),
          'the checklist is to be verified again',
        );

        const [told] = await queuedEmails(t, { to: newEmail, kind: 'recovery-objection-received' });
        assert.ok(told, 'the claimant is told');
        assert.doesNotMatch(told.text, new RegExp(account.email.replace(/[.]/g, '\\.')));
        const [audit] = await auditEventsOf(t, 'recovery.objected', account.id);
        assert.equal(audit?.actor_type, 'anonymous');
        assert.doesNotMatch(JSON.stringify(audit?.details), new RegExp(token));
        const events = await t.deps.db
          .selectFrom('recovery_case_events')
          .selectAll()
          .where('case_id', '=', recoveryCase.id)
          .where('event', '=', 'objected')
          .execute();
        assert.equal(events[0]?.actor_type, 'previous_owner');

        const again = await browser.request({
          method: 'POST',
          url: '/recovery/objection',
          form: { token, _csrf: csrfIn(page.body) },
        });
        assert.equal(again.statusCode, 400, 'the link works once');
        assert.match(again.body, /Lien invalide ou expiré/);
        const done = await browser.request({ method: 'GET', url: '/recovery/objection?done=1' });
        assert.match(done.body, /Opposition enregistrée/);
      });

      it('refuses a post without the CSRF token', async () => {
        const { account, recoveryCase } = await approvedRecoveryCase(t);
        const token = await objectionTokenSentTo(t, account.email);
        const posted = await createClient(t.app).request({
          method: 'POST',
          url: '/recovery/objection',
          form: { token },
        });
        assert.equal(posted.statusCode, 403);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'approved');
      });
    });

    describe('POST /api/v1/recovery/objection', () => {
      it('is documented in the OpenAPI document under the customer tag', async () => {
        const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
        assert.deepEqual(doc.paths['/api/v1/recovery/objection']?.post?.tags, ['customer']);
        assert.equal(doc.paths['/recovery/objection'], undefined, 'the page is not part of the API');
      });

      it('answers 204 within the window', async () => {
        const { account, recoveryCase } = await approvedRecoveryCase(t);
        const response = await objectByApi(t, await objectionTokenSentTo(t, account.email));
        assert.equal(response.statusCode, 204);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'in_review');
      });

      it('answers 400 invalid-token once the window is over, and the worker then completes', async () => {
        const { account, recoveryCase } = await approvedRecoveryCase(t);
        const token = await objectionTokenSentTo(t, account.email);
        t.clock.advance(24 * HOUR);
        const late = await objectByApi(t, token);
        assert.equal(late.statusCode, 400);
        assert.equal(late.json().type.endsWith('invalid-token'), true);
        await completeDueRecoveryCases(t.deps);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'completed');
        assert.equal((await objectByApi(t, token)).statusCode, 400, 'after completion');
        const page = await t.app.inject({ method: 'GET', url: `/recovery/objection?token=${token}` });
        assert.equal(page.statusCode, 400);
      });

      it('lets exactly one of an objection and a completion at the same instant win', async () => {
        const { account, recoveryCase } = await approvedRecoveryCase(t);
        const token = await objectionTokenSentTo(t, account.email);
        const [objection, completion] = await Promise.all([
          objectByApi(t, token),
          t.deps.db.transaction().execute((tx) =>
            completeRecoveryCase(tx, t.deps, recoveryCase, {
              actor: { type: 'system' },
              meta: noRequestMeta,
            }),
          ),
        ]);
        const status = (await reloadRecoveryCase(t, recoveryCase.id)).status;
        if (objection.statusCode === 204) {
          assert.equal(completion.ok, false);
          assert.equal(status, 'in_review');
        } else {
          assert.equal(objection.statusCode, 400);
          assert.equal(completion.ok, true);
          assert.equal(status, 'completed');
        }
        const won =
          (await auditEventsOf(t, 'recovery.objected', account.id)).length +
          (await auditEventsOf(t, 'recovery.completed', account.id)).length;
        assert.equal(won, 1);
      });
    });
  });
}
