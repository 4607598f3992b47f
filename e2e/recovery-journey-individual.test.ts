import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestJpeg, createTestPdf } from '../test/support/documents.ts';
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

describe('recovery journey in Chromium: individual', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('claimant opens a case by client number; the agent is first refused approval with an item unverified, then approves; access goes to the new address', async () => {
    const shot = 'recovery-individual';
    const oldEmail = `elodie.marchand.${Date.now()}@ancien-fai.example`;
    const newEmail = `elodie.marchand.${Date.now()}@example.net`;
    const { account } = await createTestAccount(server.deps, {
      type: 'individual',
      firstName: 'Élodie',
      lastName: 'Marchand',
      email: oldEmail,
    });

    // The claimant, in a browser of their own, with nothing but the client number.
    const claimant = await openPage(server);
    const reference = await openCase(
      claimant.page,
      server,
      {
        type: 'individual',
        typeLabel: 'Particulier',
        fields: { clientNumber: account.clientNumber, firstName: 'Élodie', lastName: 'Marchand' },
        newEmail,
      },
      `${shot}-01`,
    );
    await confirmNewEmail(claimant.page, server, newEmail);
    await uploadDocument(
      claimant.page,
      'Pièce d’identité (recto)',
      writeDocument(
        server,
        'individual-cni.jpg',
        await createTestJpeg('CNI Élodie Marchand', { exifGps: true }),
      ),
    );
    await uploadDocument(
      claimant.page,
      'Courrier manuscrit signé',
      writeDocument(server, 'individual-courrier.pdf', createTestPdf('Courrier Elodie Marchand')),
    );
    await declareAndSubmit(claimant.page, 'Élodie Marchand', `${shot}-02`);

    // The agent: queue, take, link (the client number suggests the fiche), documents, checklist.
    const agent = await staffSignsIn(server, 'agent');
    await openCaseFromQueue(agent.page, reference, `${shot}-03`);
    await checkpoint(agent.page, `${shot}-04-review-submitted`);
    await takeCase(agent.page);
    await linkAccount(agent.page, account.clientNumber);
    await assertPreviewLoads(agent.page, 'Pièce d’identité (recto)');
    await assertPreviewLoads(agent.page, 'Courrier manuscrit signé');
    await checkpoint(agent.page, `${shot}-05-review-linked`);
    await verifyChecklist(agent.page, ['pieces_coherent']);

    // One item left unverified: approval is refused, and the page says why.
    await agent.page.getByRole('button', { name: 'Approuver la récupération' }).click();
    await agent.page.waitForURL(/\?problem=approval-blocked$/);
    assert.match(await agent.page.getByRole('alert').innerText(), /ne peut pas être approuvé/);
    const decision = await agent.page.locator('section[aria-labelledby="decision-title"]').innerText();
    assert.match(decision, /Point non vérifié\s*:\s*Toutes les pièces sont cohérentes/);
    assert.doesNotMatch(decision, /Pièce d’identité lisible/, 'only the unverified item blocks');
    assert.match(await agent.page.locator('h1').innerText(), /En cours d’examen/);
    await checkpoint(agent.page, `${shot}-06-review-blocked`);

    await verifyChecklist(agent.page);
    await approve(agent.page);
    await checkpoint(agent.page, `${shot}-07-review-approved`);

    // The previous address has the notice with its link to object; the claimant waits.
    await objectionLinkSentTo(server, oldEmail);
    await claimantSeesStatus(claimant.page, /État du dossier\s*:\s*accepté, période d’opposition en cours/);
    await checkpoint(claimant.page, `${shot}-08-case-approved`);

    await completeAndSignIn(server, claimant.page, {
      newEmail,
      oldEmail,
      oldPassword: STRONG_PASSWORD,
      newPassword: OTHER_STRONG_PASSWORD,
      shot: `${shot}-09`,
    });
    assert.deepEqual(claimant.errors, [], 'no console error or CSP violation (claimant)');
    assert.deepEqual(agent.errors, [], 'no console error or CSP violation (agent)');
    await claimant.context.close();
    await agent.page.context().close();
  });
});
