import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { seedReadyCase } from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { getRecoveryCaseById } from '../cases.repository.ts';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;

/** Posts a back-office form as a browser without JavaScript would: urlencoded, with `_csrf`. */
async function postForm(staff: Staff, url: string, fields: Record<string, string>) {
  const token = (await staff.client.staffApi('GET', '/api/v1/staff/csrf')).json().token as string;
  return staff.client.request({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`back-office recovery pages [${kind}]`, () => {
    let t: TestApp;
    let agent: Staff;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    describe('GET /staff/recovery', () => {
      it('shows the queue with its filters and the nav link, in French by default', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const page = await agent.client.request({ method: 'GET', url: '/staff/recovery' });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Dossiers de récupération/);
        assert.ok(page.body.includes(`href="/staff/recovery/${recoveryCase.reference}"`));
        assert.match(page.body, /<label for="field-status">/);
        assert.match(page.body, /href="\/staff\/recovery"[^>]*>Récupérations</);
        const filtered = await agent.client.request({
          method: 'GET',
          url: '/staff/recovery?status=rejected&olderThanDays=',
        });
        assert.equal(filtered.statusCode, 200);
        assert.ok(!filtered.body.includes(recoveryCase.reference));
      });

      it('sends a visitor without a staff session to the staff sign-in', async () => {
        const response = await createClient(t.app).request({ method: 'GET', url: '/staff/recovery' });
        assert.equal(response.statusCode, 303);
        assert.match(String(response.headers.location), /^\/staff\/login\?next=/);
      });
    });

    describe('GET /staff/recovery/{reference} and its forms', () => {
      it('takes the case, links the suggested account, and shows each step', async () => {
        const { account } = await createTestAccount(t.deps, { firstName: 'Jeanne', lastName: 'Lefebvre' });
        const { recoveryCase } = await seedRecoveryCase(t.deps, {
          status: 'submitted',
          hints: { clientNumber: account.clientNumber },
        });
        const path = `/staff/recovery/${recoveryCase.reference}`;
        const assign = await postForm(agent, `${path}/assign`, {});
        assert.equal(assign.statusCode, 303);
        assert.equal(assign.headers.location, `${path}?done=assigned`);
        const page = await agent.client.request({ method: 'GET', url: `${path}?done=assigned` });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Le dossier est pris en charge à votre nom/);
        assert.ok(page.body.includes(`value="${account.id}"`), 'the suggested account has a link form');

        const link = await postForm(agent, `${path}/account`, { accountId: account.id });
        assert.equal(link.headers.location, `${path}?done=linked`);
        const linked = await agent.client.request({ method: 'GET', url: link.headers.location as string });
        // « Lefèvre » on the case, « Lefebvre » on the fiche: highlighted and flagged.
        assert.match(linked.body, /<mark>Lefèvre<\/mark>/);
        assert.match(linked.body, /Le nom du demandeur diffère de celui de la fiche/);
        assert.match(linked.body, /Seul un superviseur peut lever cette alerte/);
        assert.match(linked.body, /name="decision" value="approve"/);
      });

      it('comes back with the problem in words when a decision is refused', async () => {
        const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id, {
          unverifiedItem: 'pieces_coherent',
        });
        const path = `/staff/recovery/${recoveryCase.reference}`;
        const refused = await postForm(agent, `${path}/decision`, { decision: 'approve' });
        assert.equal(refused.statusCode, 303);
        assert.equal(refused.headers.location, `${path}?problem=approval-blocked`);
        const page = await agent.client.request({ method: 'GET', url: refused.headers.location as string });
        assert.match(page.body, /role="alert"/);
        assert.match(page.body, /Le dossier ne peut pas être approuvé/);
        assert.match(page.body, /Point non vérifié/);

        const checklist = await postForm(agent, `${path}/checklist`, {
          item: 'pieces_coherent',
          verified: 'yes',
          note: 'Dates et signatures cohérentes.',
        });
        assert.equal(checklist.headers.location, `${path}?done=checklist`);
        const approved = await postForm(agent, `${path}/decision`, { decision: 'approve' });
        assert.equal(approved.headers.location, `${path}?done=approved`);
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'approved');
      });

      it('refuses a form posted without the CSRF token', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const response = await agent.client.request({
          method: 'POST',
          url: `/staff/recovery/${recoveryCase.reference}/assign`,
          payload: '',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(response.statusCode, 403);
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'submitted');
      });
    });
  });
}
