import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runRequestedRecoveryChecks } from '../src/recovery/checks/document-checks.service.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import {
  approvalRefusedOnlyForPendingChecks,
  assertChecksConform,
  assertChecksPending,
  isChecksPendingBlocker,
  listApprovalBlockers,
} from './support/recovery-checks-steps.ts';
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

describe('recovery journey in Chromium: individual', { skip }, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('claimant opens a case by client number; the agent is refused approval with an item unverified, then while the automatic checks wait; they pass, the agent approves; access goes to the new address', async () => {
    const shot = 'recovery-individual';
    const oldEmail = `camille.martin.${Date.now()}@ancien-fai.example`;
    const newEmail = `camille.martin.${Date.now()}@example.net`;
    // The demo's Camille Martin: her passport's MRZ is one the OCR reads as printed.
    const identity = demoIdentityOf('Camille Martin');
    const { account } = await createTestAccount(server.deps, {
      type: 'individual',
      firstName: 'Camille',
      lastName: 'Martin',
      email: oldEmail,
    });
    const { uploads } = await recoveryDocuments({
      type: 'individual',
      today: server.clock.now(),
      identity,
      city: 'LYON',
      newEmail,
    });

    // The claimant, in a browser of their own, with nothing but the client number.
    const claimant = await openPage(server);
    const reference = await openCase(
      claimant.page,
      server,
      {
        type: 'individual',
        typeLabel: 'Particulier',
        fields: { clientNumber: account.clientNumber, firstName: 'Camille', lastName: 'Martin' },
        newEmail,
      },
      `${shot}-01`,
    );
    await confirmNewEmail(claimant.page, server, newEmail);
    // The passport's photo page (its MRZ on it), then the letter.
    await uploadDocuments(claimant.page, server, uploads);
    await declareAndSubmit(claimant.page, 'Camille Martin', `${shot}-02`);

    // The agent: queue, take, link (the client number suggests the fiche), documents, checklist.
    const agent = await staffSignsIn(server, 'agent');
    // The bare case page: a reload would keep the notice (?done=…) of the agent's last action.
    const casePath = `${server.baseUrl}/staff/recovery/${encodeURIComponent(reference)}`;
    await openCaseFromQueue(agent.page, reference, `${shot}-03`);
    await checkpoint(agent.page, `${shot}-04-review-submitted`);
    await takeCase(agent.page);
    await linkAccount(agent.page, account.clientNumber);
    await assertChecksPending(agent.page);
    await assertPreviewLoads(agent.page, 'Pièce d’identité (recto)');
    await assertPreviewLoads(agent.page, 'Courrier manuscrit signé');
    await checkpoint(agent.page, `${shot}-05-review-linked`);
    await verifyChecklist(agent.page, ['pieces_coherent']);

    // One item left unverified, the checks not run yet: approval is refused, and the page says why.
    const approveButton = agent.page.getByRole('button', { name: 'Approuver la récupération' });
    await approveButton.click();
    await agent.page.waitForURL(/\?problem=approval-blocked$/);
    assert.match(await agent.page.getByRole('alert').innerText(), /ne peut pas être approuvé/);
    const [checksBlocker, itemBlocker, ...others] = await listApprovalBlockers(agent.page);
    assert.ok(isChecksPendingBlocker(checksBlocker ?? ''), `the pending checks block: ${checksBlocker}`);
    assert.match(itemBlocker ?? '', /^Point non vérifié\s*:\s*Toutes les pièces sont cohérentes/);
    assert.deepEqual(others, [], 'only the unverified item and the pending checks block');
    assert.match(await agent.page.locator('h1').innerText(), /En cours d’examen/);
    await checkpoint(agent.page, `${shot}-06-review-blocked`);

    // Every item verified: the pending checks alone still refuse approval.
    await verifyChecklist(agent.page);
    await approvalRefusedOnlyForPendingChecks(agent.page);

    // What the periodic worker (document-checks-worker.ts) runs every minute, run now.
    assert.deepEqual(await runRequestedRecoveryChecks(server.deps), { cases: 1 });
    await agent.page.goto(casePath);
    // Passport (4 checks), letter, the same person across the pieces.
    await assertChecksConform(agent.page, 6);
    assert.deepEqual(await listApprovalBlockers(agent.page), []);
    await checkpoint(agent.page, `${shot}-07-review-checks-passed`);
    await approve(agent.page);
    await checkpoint(agent.page, `${shot}-08-review-approved`);

    // The previous address has the notice with its link to object; the claimant waits.
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
    assert.deepEqual(claimant.errors, [], 'no console error or CSP violation (claimant)');
    assert.deepEqual(agent.errors, [], 'no console error or CSP violation (agent)');
    await claimant.context.close();
    await agent.page.context().close();
  });
});
