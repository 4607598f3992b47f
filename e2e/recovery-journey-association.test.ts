import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runRequestedRecoveryChecks } from '../src/recovery/checks/document-checks.service.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { queuedEmails } from '../test/support/queued-emails.ts';
import { assertChecksConform, assertChecksPending } from './support/recovery-checks-steps.ts';
import { demoIdentityOf, recoveryDocuments, uploadDocuments } from './support/recovery-documents.ts';
import {
  approve,
  assertPreviewLoads,
  checkpoint,
  claimantSeesStatus,
  completeAndSignIn,
  confirmNewEmail,
  declareAndSubmit,
  linkAccount,
  objectionLinkSentTo,
  openCase,
  openCaseFromQueue,
  openPage,
  type RecoveryServer,
  recoveryJourneySkip,
  staffSignsIn,
  startRecoveryServer,
  stopRecoveryServer,
  takeCase,
  verifyChecklist,
} from './support/recovery-steps.ts';

const skip = recoveryJourneySkip();

describe('recovery journey in Chromium: association', { skip }, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('the president recovers the account once the automatic checks passed; the old address objects, a supervisor lifts the flag, the agent approves again; access goes to the new address', async () => {
    const shot = 'recovery-association';
    const oldEmail = `bureau.${Date.now()}@amis-du-lavoir.example`;
    const newEmail = `presidence.lavoir.${Date.now()}@example.net`;
    const associationName = 'Les Amis du Vieux Lavoir';
    const { account } = await createTestAccount(server.deps, {
      type: 'association',
      associationName,
      rna: 'W751234567',
      firstName: 'Sophie',
      lastName: 'Bernard',
      email: oldEmail,
    });
    // The demo's Sophie Bernard, president: her 2021 card's MRZ, on its back, is one the OCR reads as printed.
    const { uploads } = await recoveryDocuments({
      type: 'association',
      associationName,
      today: server.clock.now(),
      identity: demoIdentityOf('Sophie Bernard'),
      city: 'NANTES',
      newEmail,
    });

    const claimant = await openPage(server);
    const reference = await openCase(
      claimant.page,
      server,
      {
        type: 'association',
        typeLabel: 'Association',
        fields: {
          clientNumber: account.clientNumber,
          domain: 'amis-du-lavoir.fr',
          associationName,
          firstName: 'Sophie',
          lastName: 'Bernard',
        },
        newEmail,
      },
      `${shot}-01`,
    );
    await confirmNewEmail(claimant.page, server, newEmail);
    // The statutes, both sides of the card, the letter.
    await uploadDocuments(claimant.page, server, uploads);
    await declareAndSubmit(claimant.page, 'Sophie Bernard', `${shot}-02`);

    const agent = await staffSignsIn(server, 'agent');
    // The bare case page: a reload would keep the notice (?done=…) of the agent's last action.
    const casePath = `${server.baseUrl}/staff/recovery/${encodeURIComponent(reference)}`;
    await openCaseFromQueue(agent.page, reference, `${shot}-03`);
    await takeCase(agent.page);
    await linkAccount(agent.page, account.clientNumber);
    await assertChecksPending(agent.page);
    // What the periodic worker (document-checks-worker.ts) runs every minute, run now.
    assert.deepEqual(await runRequestedRecoveryChecks(server.deps), { cases: 1 });
    await agent.page.goto(casePath);
    // Statutes (3 checks), the card (4), letter, the same person across the pieces.
    await assertChecksConform(agent.page, 9);
    await assertPreviewLoads(agent.page, 'Statuts de l’association');
    await assertPreviewLoads(agent.page, 'Pièce d’identité (verso)');
    await verifyChecklist(agent.page);
    await approve(agent.page);

    // The previous address objects from the link in its notice, in a browser of its own.
    const owner = await openPage(server);
    await owner.page.goto(await objectionLinkSentTo(server, oldEmail));
    await checkpoint(owner.page, `${shot}-04-objection`);
    await owner.page.getByRole('button', { name: 'Je m’oppose à ce changement' }).click();
    await owner.page.waitForURL(/\/recovery\/objection\?done=1$/);
    assert.equal(await owner.page.locator('h1').innerText(), 'Opposition enregistrée');
    await checkpoint(owner.page, `${shot}-05-objection-done`);

    await claimantSeesStatus(claimant.page, /État du dossier\s*:\s*en cours d’examen par notre équipe/);
    assert.match(await claimant.page.locator('main').innerText(), /Opposition reçue, nouvel examen/);
    await checkpoint(claimant.page, `${shot}-06-case-objected`);

    // Back in review, flagged « opposition », checklist to verify anew; an agent cannot lift the flag.
    await agent.page.goto(casePath);
    assert.match(await agent.page.locator('h1').innerText(), /En cours d’examen/);
    const flags = agent.page.locator('section[aria-labelledby="flags-title"]');
    assert.match(await flags.innerText(), /L’ancienne adresse s’est opposée à la récupération\s*—\s*à lever/);
    assert.match(await flags.innerText(), /Seul un superviseur peut lever cette alerte/);
    assert.equal(await flags.getByRole('button', { name: 'Lever l’alerte' }).count(), 0);
    const decision = await agent.page.locator('section[aria-labelledby="decision-title"]').innerText();
    assert.match(decision, /Alerte à lever\s*:\s*L’ancienne adresse s’est opposée/);
    assert.match(decision, /Point non vérifié/, 'the checklist is to be verified anew');
    await checkpoint(agent.page, `${shot}-07-review-objected`);
    // Even posted by hand, the agent's resolution is refused.
    const dossier = await agent.page.request.get(
      `${server.baseUrl}/api/v1/staff/recovery/cases/${encodeURIComponent(reference)}`,
    );
    const flag = ((await dossier.json()) as { flags: { id: string; code: string }[] }).flags.find(
      (f) => f.code === 'objection',
    );
    assert.ok(flag, 'the dossier lists the objection flag');
    const csrf = await agent.page.locator('input[name=_csrf]').first().inputValue();
    const refused = await agent.page.request.post(
      `${server.baseUrl}/staff/recovery/${encodeURIComponent(reference)}/flags/${flag.id}/resolve`,
      { form: { _csrf: csrf, note: 'Je lève l’alerte.' }, headers: { origin: server.baseUrl } },
    );
    assert.match(refused.url(), /\?problem=forbidden$/);

    // A supervisor lifts it, with a note.
    const supervisor = await staffSignsIn(server, 'supervisor');
    const row = await openCaseFromQueue(supervisor.page, reference, `${shot}-08`);
    assert.ok(row);
    const note = 'Appel au 01 23 45 67 89 : l’ancienne trésorière confirme que la présidente a changé.';
    await supervisor.page.getByLabel('Pourquoi ce doute est levé (obligatoire)').fill(note);
    await supervisor.page.getByRole('button', { name: 'Lever l’alerte' }).click();
    await supervisor.page.waitForURL(/\?done=flag_resolved$/);
    const lifted = await supervisor.page.locator('section[aria-labelledby="flags-title"]').innerText();
    assert.match(lifted, /s’est opposée à la récupération\s*—\s*levée/);
    assert.match(lifted, /l’ancienne trésorière confirme/);
    await checkpoint(supervisor.page, `${shot}-09-review-flag-lifted`);

    // The agent verifies every point again and approves: a new window, a new notice.
    await agent.page.goto(casePath);
    await verifyChecklist(agent.page);
    await approve(agent.page);
    await checkpoint(agent.page, `${shot}-10-review-approved-again`);
    assert.equal((await queuedEmails(server, { to: oldEmail, kind: 'recovery-objection-notice' })).length, 2);
    await claimantSeesStatus(claimant.page, /État du dossier\s*:\s*accepté, période d’opposition en cours/);

    await completeAndSignIn(server, claimant.page, {
      newEmail,
      oldEmail,
      oldPassword: STRONG_PASSWORD,
      newPassword: OTHER_STRONG_PASSWORD,
      shot: `${shot}-11`,
    });
    for (const [who, errors] of Object.entries({
      claimant: claimant.errors,
      owner: owner.errors,
      agent: agent.errors,
      supervisor: supervisor.errors,
    }))
      assert.deepEqual(errors, [], `no console error or CSP violation (${who})`);
    for (const page of [claimant.page, owner.page, agent.page, supervisor.page]) await page.context().close();
  });
});
