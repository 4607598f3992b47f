import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { textPdf } from '../../../test/support/documents.ts';
import {
  auditEventsFor,
  detailsOf,
  seedReadyCase,
  staffCaseUrl,
} from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { intakeDocument } from '../documents/document-intake.ts';
import type { DocumentKind } from '../documents/document-kinds.ts';
import { insertRecoveryDocument } from '../documents/documents.repository.ts';
import { listRecoveryFlags } from '../flags.repository.ts';
import { listRecoveryChecksByCase } from './check-results.ts';
import { requestRecoveryChecks } from './document-checks.repository.ts';
import { runRecoveryChecks, runRequestedRecoveryChecks } from './document-checks.service.ts';
import { shutdownOcr } from './ocr.ts';

const kbisLines = (date: string) => [
  'Greffe du Tribunal de Commerce de Lyon',
  `Extrait d'immatriculation principale au registre du commerce et des societes a jour au ${date}`,
  'Immatriculation au RCS, numero 732 829 320 R.C.S. Lyon',
  'Denomination : ATELIER MOREL',
  'Forme juridique : Societe a responsabilite limitee',
];

const day = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

for (const kind of testDatabaseKinds()) {
  describe(`runRecoveryChecks [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    let supervisor: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
      supervisor = await signedInStaff(t.app, t.deps, 'supervisor');
    });
    after(async () => {
      await t.close();
      await shutdownOcr();
    });

    async function addDocument(caseId: string, documentKind: DocumentKind, pdf: Buffer) {
      const intaken = await intakeDocument(t.deps, { bytes: pdf, originalName: `${documentKind}.pdf` });
      await t.deps.db.transaction().execute((tx) =>
        insertRecoveryDocument(tx, {
          ...intaken,
          caseId,
          kind: documentKind,
          uploadedAt: t.clock.now(),
          purgedAt: null,
        }),
      );
      return intaken.id;
    }

    it('stores the evidence, flags a failed check, and approval waits for a supervisor’s resolution', async () => {
      const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id, { accountType: 'company' });
      const fourMonthsAgo = new Date(t.clock.now().getTime() - 122 * 86_400_000);
      const kbisId = await addDocument(recoveryCase.id, 'kbis', textPdf(kbisLines(day(fourMonthsAgo))));
      await addDocument(
        recoveryCase.id,
        'signed_letter',
        textPdf([
          'Madame, Monsieur, je soussignee Jeanne Lefevre, gerante de la societe Atelier Morel,',
          `demande que la nouvelle adresse de mon compte client soit ${recoveryCase.newEmail}`,
          'en remplacement de l ancienne adresse que je ne peux plus utiliser pour mon compte.',
          'Veuillez agreer, Madame, Monsieur, mes salutations distinguees. Jeanne Lefevre',
        ]),
      );
      await t.deps.db
        .transaction()
        .execute((tx) => requestRecoveryChecks(tx, recoveryCase.id, t.clock.now()));
      const decide = () =>
        agent.client.staffApi('POST', staffCaseUrl(recoveryCase.reference, '/decision'), {
          decision: 'approve',
        });
      // Checks asked for and not run yet: approving now would let their findings arrive too late.
      const early = await decide();
      assert.equal(early.statusCode, 409);
      assert.deepEqual(early.json().blockers, [{ kind: 'checks_pending' }]);
      const pendingPage = await agent.client.request({
        method: 'GET',
        url: `/staff/recovery/${recoveryCase.reference}`,
      });
      assert.match(pendingPage.body, /Les contrôles automatiques des pièces ne sont pas encore faits/);

      assert.deepEqual(await runRequestedRecoveryChecks(t.deps), { cases: 1 });
      const checks = await listRecoveryChecksByCase(t.deps, recoveryCase.id);
      const outcome = (check: string) => checks.find((c) => c.check === check)?.outcome;
      assert.equal(outcome('kbis_siren_matches'), 'pass');
      assert.equal(outcome('kbis_name_matches'), 'pass');
      assert.equal(outcome('kbis_recent'), 'fail');
      assert.equal(outcome('letter_names_new_email'), 'pass');
      assert.equal(outcome('pieces_same_person'), 'pass');
      // Only excerpts are stored, never the whole text.
      for (const c of checks) assert.ok((c.evidence?.read ?? '').length <= 300);
      const flags = await listRecoveryFlags(t.deps.db, recoveryCase.id);
      assert.deepEqual(
        flags.map((f) => [f.code, f.details.documentId]),
        [['check:kbis_recent', kbisId]],
      );
      const [run] = await auditEventsFor(t.deps, 'recovery.checks_run', recoveryCase.reference);
      assert.equal(detailsOf(run).fail, 1);
      // Asked once, done once: the request is cleared.
      assert.deepEqual(await runRequestedRecoveryChecks(t.deps), { cases: 0 });

      const refused = await decide();
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().code, 'approval-blocked');
      assert.deepEqual(
        (refused.json().blockers as { code?: string }[]).map((b) => b.code),
        ['check:kbis_recent'],
      );

      const page = await agent.client.request({
        method: 'GET',
        url: `/staff/recovery/${recoveryCase.reference}`,
      });
      assert.match(page.body, /à vérifier\u00a0: échec/);
      assert.match(page.body, /Kbis de plus de 3 mois/);

      const flagId = flags[0]?.id ?? '';
      const note = 'Kbis plus récent vérifié sur infogreffe.fr.';
      const url = staffCaseUrl(recoveryCase.reference, `/flags/${flagId}/resolve`);
      assert.equal((await supervisor.client.staffApi('POST', url, { note })).statusCode, 200);

      // Running again keeps the supervisor's resolution: no duplicate flag.
      await runRecoveryChecks(t.deps, recoveryCase.id);
      assert.equal((await listRecoveryFlags(t.deps.db, recoveryCase.id)).length, 1);
      const approved = await decide();
      assert.equal(approved.statusCode, 200, approved.body);
    });

    it('says a check could not run when the document has no readable text, and raises no flag', async () => {
      const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id);
      await addDocument(recoveryCase.id, 'signed_letter', textPdf([]));
      await runRecoveryChecks(t.deps, recoveryCase.id);
      const checks = await listRecoveryChecksByCase(t.deps, recoveryCase.id);
      const letter = checks.find((c) => c.check === 'letter_names_new_email');
      assert.equal(letter?.outcome, 'not_run');
      assert.ok(letter?.evidence?.reason);
      assert.deepEqual(await listRecoveryFlags(t.deps.db, recoveryCase.id), []);
    });
  });
}
