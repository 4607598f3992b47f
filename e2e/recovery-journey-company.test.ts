import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IdentityHolder } from '../src/demo/identity-specimens.ts';
import { runRequestedRecoveryChecks } from '../src/recovery/checks/document-checks.service.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import {
  approvalRefusedOnlyForPendingChecks,
  assertChecksConform,
  assertChecksPending,
} from './support/recovery-checks-steps.ts';
import { demoIdentityOf, kbisPdf, recoveryDocuments, uploadDocuments } from './support/recovery-documents.ts';
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
  recoveryJourneySkip,
  staffSignsIn,
  startRecoveryServer,
  stopRecoveryServer,
  takeCase,
  uploadDocument,
  verifyChecklist,
  writeDocument,
} from './support/recovery-steps.ts';

const skip = recoveryJourneySkip();

const company = { legalName: 'Atelier Boisé SARL', siren: '732829320' };
// The demo's Paul Durand: his passport's MRZ is one the OCR reads as printed.
const identity = demoIdentityOf('Paul Durand');
// Who presided the company before him: the first Kbis sent still names her.
const formerPresident: IdentityHolder = {
  firstNames: ['Hélène'],
  lastName: 'Garnier',
  sex: 'F',
  birthDate: new Date(Date.UTC(1958, 0, 12)),
  birthPlace: 'LYON',
};

describe('recovery journey in Chromium: company', { skip }, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('claimant opens a case by former email; the agent links by search, the checks pass, the agent asks for a Kbis naming the current president, the claimant sends it, the agent approves once the checks ran again; access goes to the new address', async () => {
    const shot = 'recovery-company';
    const oldEmail = `contact.${Date.now()}@atelier-boise.example`;
    const newEmail = `gerance.atelier.${Date.now()}@example.net`;
    const { account } = await createTestAccount(server.deps, {
      type: 'company',
      ...company,
      firstName: 'Paul',
      lastName: 'Durand',
      email: oldEmail,
    });
    const today = server.clock.now();
    // A Kbis of six weeks ago: recent enough for the checks, but from before the change of president.
    const sixWeeksAgo = new Date(today.getTime() - 42 * 86_400_000);
    const { uploads } = await recoveryDocuments({
      type: 'company',
      ...company,
      kbisUpdatedOn: sixWeeksAgo,
      kbisManager: formerPresident,
      today,
      identity,
      city: 'LYON',
      newEmail,
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
          legalName: company.legalName,
          siren: '732 829 320',
          firstName: 'Paul',
          lastName: 'Durand',
        },
        newEmail,
      },
      `${shot}-01`,
    );
    const caseLink = await confirmNewEmail(claimant.page, server, newEmail);
    // The Kbis, the passport's photo page (its MRZ on it), the letter.
    await uploadDocuments(claimant.page, server, uploads);
    await declareAndSubmit(claimant.page, 'Paul Durand', `${shot}-02`);

    // The agent finds the fiche by its SIREN; the checks wait for the worker.
    const agent = await staffSignsIn(server, 'agent');
    // The bare case page: a reload would keep the notice (?done=…) of the agent's last action.
    const casePath = `${server.baseUrl}/staff/recovery/${encodeURIComponent(reference)}`;
    await openCaseFromQueue(agent.page, reference, `${shot}-03`);
    await takeCase(agent.page);
    await linkAccount(agent.page, account.clientNumber, { search: company.siren });
    await assertChecksPending(agent.page);

    // What the periodic worker (document-checks-worker.ts) runs every minute, run now.
    assert.deepEqual(await runRequestedRecoveryChecks(server.deps), { cases: 1 });
    await agent.page.goto(casePath);
    // Kbis (3 checks), passport (4), letter, the same person across the pieces.
    await assertChecksConform(agent.page, 9);
    await assertPreviewLoads(agent.page, 'Extrait Kbis');
    await assertPreviewLoads(agent.page, 'Pièce d’identité (recto)');
    await checkpoint(agent.page, `${shot}-04-review-linked`);
    // The checks compare the Kbis's SIREN, name and date, not its officers: the agent reads them.
    const message =
      'L’extrait Kbis envoyé nomme encore l’ancienne présidente : merci d’en déposer un à jour, qui vous nomme.';
    await agent.page.getByLabel('Message au demandeur', { exact: false }).fill(message);
    await agent.page.getByRole('button', { name: 'Demander des compléments' }).click();
    await agent.page.waitForURL(/\?done=info_requested$/);
    assert.match(await agent.page.locator('h1').innerText(), /En attente du demandeur/);
    await lastEmail(server, newEmail, 'recovery-info-requested');

    // The claimant comes back on another browser through the emailed link, reads the message,
    // adds the up-to-date Kbis and sends the complements.
    const firstErrors = claimant.errors;
    await claimant.context.close();
    claimant = await openPage(server);
    await claimant.page.goto(caseLink);
    // The link asks for a click before this browser adopts the case.
    await claimant.page.getByRole('button', { name: 'Ouvrir mon dossier' }).click();
    await claimant.page.waitForURL(new RegExp(`/recovery/cases/${reference}$`));
    assert.match(
      await claimant.page.locator('main').innerText(),
      /État du dossier\s*:\s*en attente de compléments de votre part/,
    );
    const info = claimant.page.locator('.alert', { hasText: 'Message de notre équipe support' });
    assert.match(await info.innerText(), new RegExp(message.replace(/[.:]/g, '\\$&')));
    await checkpoint(claimant.page, `${shot}-05-case-awaiting`);
    const kbis = kbisPdf({
      ...company,
      city: 'LYON',
      updatedOn: server.clock.now(),
      manager: identity.holder,
    });
    await uploadDocument(
      claimant.page,
      'Extrait Kbis de moins de 3 mois',
      writeDocument(server, 'kbis-a-jour.pdf', kbis),
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

    // Back in the queue; the agent takes it again and checks every point; the new Kbis is not
    // checked yet, so approval waits for the worker.
    await openCaseFromQueue(agent.page, reference, `${shot}-07`);
    assert.match(await agent.page.locator('h1').innerText(), /À prendre en charge/);
    assert.equal(await agent.page.getByRole('img', { name: 'Aperçu\u00a0: Extrait Kbis' }).count(), 2);
    await takeCase(agent.page);
    await verifyChecklist(agent.page);
    await approvalRefusedOnlyForPendingChecks(agent.page);

    // The worker's round again: both Kbis pass (3 checks more), the agent approves.
    assert.deepEqual(await runRequestedRecoveryChecks(server.deps), { cases: 1 });
    await agent.page.goto(casePath);
    await assertChecksConform(agent.page, 12);
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
