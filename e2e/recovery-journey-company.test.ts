import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestJpeg, createTestPdf, createTestPng } from '../test/support/documents.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { chromiumAvailable } from './support/browser.ts';
import {
  approve,
  assertPreviewLoads,
  checkpoint,
  claimantSeesStatus,
  completeAndSignIn,
  confirmNewEmail,
  declareAndSubmit,
  lastEmail,
  linkAccount,
  objectionLinkSentTo,
  openCase,
  openCaseFromQueue,
  openPage,
  type RecoveryServer,
  staffSignsIn,
  startRecoveryServer,
  stopRecoveryServer,
  takeCase,
  uploadDocument,
  verifyChecklist,
  writeDocument,
} from './support/recovery-steps.ts';

const available = chromiumAvailable();

describe('recovery journey in Chromium: company', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('claimant opens a case by former email; the agent links by search, asks for a recent Kbis, the claimant sends it, the agent approves; access goes to the new address', async () => {
    const shot = 'recovery-company';
    const oldEmail = `contact.${Date.now()}@atelier-boise.example`;
    const newEmail = `gerance.atelier.${Date.now()}@example.net`;
    const { account } = await createTestAccount(server.deps, {
      type: 'company',
      legalName: 'Atelier Boisé SARL',
      siren: '732829320',
      firstName: 'Thibault',
      lastName: 'Rousseau',
      email: oldEmail,
    });

    let claimant = await openPage(server);
    const reference = await openCase(
      claimant.page,
      server,
      {
        type: 'company',
        typeLabel: 'Société',
        fields: {
          formerEmail: oldEmail,
          legalName: 'Atelier Boisé SARL',
          siren: '732 829 320',
          firstName: 'Thibault',
          lastName: 'Rousseau',
        },
        newEmail,
      },
      `${shot}-01`,
    );
    const caseLink = await confirmNewEmail(claimant.page, server, newEmail);
    await uploadDocument(
      claimant.page,
      'Extrait Kbis de moins de 3 mois',
      writeDocument(server, 'company-kbis-ancien.pdf', createTestPdf('Kbis Atelier Boise 2025')),
    );
    await uploadDocument(
      claimant.page,
      'Pièce d’identité (recto)',
      writeDocument(server, 'company-cni.png', await createTestPng('CNI Thibault Rousseau')),
    );
    await uploadDocument(
      claimant.page,
      'Courrier manuscrit signé',
      writeDocument(server, 'company-courrier.jpg', await createTestJpeg('Courrier Thibault Rousseau')),
    );
    await declareAndSubmit(claimant.page, 'Thibault Rousseau', `${shot}-02`);

    // The agent finds the fiche by its SIREN, and sees the Kbis is too old.
    const agent = await staffSignsIn(server, 'agent');
    await openCaseFromQueue(agent.page, reference, `${shot}-03`);
    await takeCase(agent.page);
    await linkAccount(agent.page, account.clientNumber, { search: '732829320' });
    await assertPreviewLoads(agent.page, 'Extrait Kbis');
    await assertPreviewLoads(agent.page, 'Pièce d’identité (recto)');
    await checkpoint(agent.page, `${shot}-04-review-linked`);
    const message = 'L’extrait Kbis envoyé date de 2025 : merci d’en déposer un de moins de 3 mois.';
    await agent.page.getByLabel('Message au demandeur', { exact: false }).fill(message);
    await agent.page.getByRole('button', { name: 'Demander des compléments' }).click();
    await agent.page.waitForURL(/\?done=info_requested$/);
    assert.match(await agent.page.locator('h1').innerText(), /En attente du demandeur/);
    await lastEmail(server, newEmail, 'recovery-info-requested');

    // The claimant comes back on another browser through the emailed link, reads the message,
    // adds the recent Kbis and sends the complements.
    const firstErrors = claimant.errors;
    await claimant.context.close();
    claimant = await openPage(server);
    await claimant.page.goto(caseLink);
    await claimant.page.waitForURL(new RegExp(`/recovery/cases/${reference}$`));
    assert.match(
      await claimant.page.locator('main').innerText(),
      /État du dossier\s*:\s*en attente de compléments de votre part/,
    );
    const info = claimant.page.locator('.alert', { hasText: 'Message de notre équipe support' });
    assert.match(await info.innerText(), new RegExp(message.replace(/[.:]/g, '\\$&')));
    await checkpoint(claimant.page, `${shot}-05-case-awaiting`);
    await uploadDocument(
      claimant.page,
      'Extrait Kbis de moins de 3 mois',
      writeDocument(server, 'company-kbis-recent.pdf', createTestPdf('Kbis Atelier Boise recent')),
    );
    assert.match(
      await claimant.page.locator('main').innerText(),
      /Extrait Kbis de moins de 3 mois\s*Reçu \(2\)/,
    );
    await claimant.page.getByRole('button', { name: 'Envoyer les compléments' }).click();
    await claimant.page.waitForURL(/\?notice=submitted$/);
    assert.match(
      await claimant.page.locator('main').innerText(),
      /État du dossier\s*:\s*envoyé, en attente d’examen/,
    );
    await checkpoint(claimant.page, `${shot}-06-case-resubmitted`);

    // Back in the queue; the agent takes it again, checks every point, approves.
    await openCaseFromQueue(agent.page, reference, `${shot}-07`);
    assert.match(await agent.page.locator('h1').innerText(), /À prendre en charge/);
    assert.equal(await agent.page.getByRole('img', { name: 'Aperçu\u00a0: Extrait Kbis' }).count(), 2);
    await takeCase(agent.page);
    await verifyChecklist(agent.page);
    await approve(agent.page);
    await checkpoint(agent.page, `${shot}-08-review-approved`);

    await objectionLinkSentTo(server, oldEmail);
    await claimantSeesStatus(claimant.page, /État du dossier\s*:\s*accepté, période d’opposition en cours/);
    await checkpoint(claimant.page, `${shot}-09-case-approved`);

    await completeAndSignIn(server, claimant.page, {
      newEmail,
      oldEmail,
      oldPassword: STRONG_PASSWORD,
      newPassword: OTHER_STRONG_PASSWORD,
      shot: `${shot}-10`,
    });
    assert.deepEqual(firstErrors, [], 'no console error or CSP violation (claimant, first browser)');
    assert.deepEqual(claimant.errors, [], 'no console error or CSP violation (claimant)');
    assert.deepEqual(agent.errors, [], 'no console error or CSP violation (agent)');
    await claimant.context.close();
    await agent.page.context().close();
  });
});
