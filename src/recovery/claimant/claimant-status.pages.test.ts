import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPdf, createTestPng } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { callCase, openCase, uploadDocument, verifyCase } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import type { RecoveryStatus } from '../case.ts';
import { updateRecoveryCase } from '../cases.repository.ts';
import { recoveryCookieName } from './claimant-pages.routes.tsx';

/** The stepper's steps as the page says them: label, status in words, notes, and which is current. */
function stepsOf(html: string) {
  const list = /<ol class="stepper">([\s\S]*?)<\/ol>/.exec(html)?.[1];
  assert.ok(list, 'the page has the stepper, an ordered list');
  return [...list.matchAll(/<li([^>]*)>([\s\S]*?)<\/li>/g)].map(([, attributes = '', body = '']) => ({
    current: attributes.includes('aria-current="step"'),
    label: /class="stepper__label">([^<]*)</.exec(body)?.[1],
    status: /class="stepper__status">([^<]*)</.exec(body)?.[1],
    notes: [...body.matchAll(/class="stepper__note">(?:<time[^>]*>)?([^<]*)</g)].map((m) => m[1]),
  }));
}

const labels = ['Adresse confirmée', 'Pièces', 'Envoyé', 'Examen', 'Décision', 'Opposition', 'Terminé'];

for (const kind of testDatabaseKinds()) {
  describe(`GET /recovery/cases/{reference}: the claimant's status [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_REVIEW_WORKING_DAYS: '2' });
    });
    after(() => t.close());

    const pageOf = async (reference: string, caseToken: string, headers: Record<string, string> = {}) => {
      const client = createClient(t.app);
      client.jar[recoveryCookieName(t.deps.config)] = caseToken;
      const page = await client.request({ method: 'GET', url: `/recovery/cases/${reference}`, headers });
      assert.equal(page.statusCode, 200);
      return page.body;
    };

    /** A case seeded in `status`, with the fields the transitions to it would have set. */
    const caseIn = async (status: RecoveryStatus, fields: Parameters<typeof updateRecoveryCase>[2] = {}) => {
      const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, { status });
      const now = t.deps.clock.now();
      const decided: Parameters<typeof updateRecoveryCase>[2] =
        status === 'approved'
          ? { approved_at: now, objection_deadline: new Date(now.getTime() + 24 * 3_600_000) }
          : status === 'completed'
            ? { approved_at: now, closed_at: now }
            : status === 'rejected' || status === 'expired'
              ? { closed_at: now }
              : {};
      const changes = { ...decided, ...fields };
      if (Object.keys(changes).length > 0)
        await t.deps.db.transaction().execute((tx) => updateRecoveryCase(tx, recoveryCase.id, changes));
      return pageOf(recoveryCase.reference, caseToken);
    };

    const currentOf = (html: string) => {
      const steps = stepsOf(html);
      assert.deepEqual(
        steps.map((s) => s.label),
        labels,
      );
      const current = steps.filter((s) => s.current);
      assert.equal(current.length, 1, 'exactly one step is current');
      return { steps, current: current[0] };
    };

    it('is at « Adresse confirmée » while the code is not typed, then at « Pièces »', async () => {
      const unverified = currentOf(await caseIn('draft'));
      assert.equal(unverified.current?.label, 'Adresse confirmée');
      assert.equal(unverified.current?.status, 'Étape en cours');
      assert.deepEqual(
        unverified.steps.slice(1).map((s) => s.status),
        Array(6).fill('À venir'),
      );

      const opened = await openCase(t, 'individual');
      await verifyCase(t, opened);
      const verified = currentOf(await pageOf(opened.reference, opened.caseToken));
      assert.equal(verified.current?.label, 'Pièces');
      assert.equal(verified.steps[0]?.status, 'Étape franchie');
      assert.match(verified.steps[0]?.notes[0] ?? '', /^Le \d+ \S+ \d{4}/);
      assert.deepEqual(verified.current?.notes, [
        'Déposez les pièces et faites la déclaration sur l’honneur.',
      ]);
    });

    it('is at « Envoyé » once everything is there, then at « Examen » in each review state', async () => {
      const opened = await openCase(t, 'individual');
      await verifyCase(t, opened);
      for (const piece of ['identity_front', 'signed_letter'])
        assert.equal(
          (
            await uploadDocument(t, opened.reference, opened.caseToken, piece, {
              bytes: await createTestPng(piece),
            })
          ).statusCode,
          201,
        );
      const ready = currentOf(await pageOf(opened.reference, opened.caseToken));
      assert.equal(ready.current?.label, 'Envoyé');
      assert.deepEqual(ready.current?.notes, ['Tout y est\u00a0: envoyez votre dossier.']);

      const notes: Record<string, string> = {
        submitted: 'Dans la file de notre équipe.',
        in_review: 'Un membre de notre équipe examine vos pièces.',
        awaiting_claimant: 'Compléments demandés\u00a0: à vous de les envoyer.',
      };
      for (const [status, note] of Object.entries(notes)) {
        const html = await caseIn(status as RecoveryStatus);
        const { steps, current } = currentOf(html);
        assert.equal(current?.label, 'Examen', status);
        assert.deepEqual(current?.notes, [note], status);
        assert.deepEqual(
          steps.slice(0, 3).map((s) => s.status),
          Array(3).fill('Étape franchie'),
          status,
        );
        assert.ok(
          html.includes('sous 2\u00a0jours ouvrés après l’envoi du dossier'),
          `${status}: the turnaround`,
        );
      }
    });

    it('is at « Opposition » once accepted, and says until when', async () => {
      const html = await caseIn('approved');
      const { steps, current } = currentOf(html);
      assert.equal(current?.label, 'Opposition');
      assert.match(current?.notes[0] ?? '', /^L’ancienne adresse du compte peut s’y opposer jusqu’au \d+ /);
      assert.equal(steps[4]?.status, 'Étape franchie');
      assert.equal(steps[4]?.notes[0], 'Demande acceptée.');
      assert.equal(steps[6]?.status, 'À venir');
      assert.equal(html.includes('jours ouvrés'), false, 'no turnaround once decided');
      assert.equal(html.includes('href="/recovery"'), false);
    });

    it('is at « Terminé » once completed, every step done', async () => {
      const { steps, current } = currentOf(await caseIn('completed'));
      assert.equal(current?.label, 'Terminé');
      assert.deepEqual(
        steps.map((s) => s.status),
        Array(7).fill('Étape franchie'),
      );
      assert.equal(current?.notes[0], 'Accès transféré à votre nouvelle adresse.');
    });

    it('is at « Terminé » with the refusal once rejected, the objection period not applicable, and links to a new request', async () => {
      const html = await caseIn('rejected', { decision_reason: 'Le courrier n’est pas signé.' });
      const { steps, current } = currentOf(html);
      assert.equal(current?.label, 'Terminé');
      assert.equal(current?.notes[0], 'Demande refusée.');
      assert.equal(steps[4]?.notes[0], 'Demande refusée.');
      assert.equal(steps[5]?.status, 'Sans objet');
      assert.ok(html.includes('Motif du refus\u00a0: Le courrier n’est pas signé.'));
      assert.match(
        html,
        /<a class="button button--primary" href="\/recovery">Ouvrir une nouvelle demande<\/a>/,
      );
    });

    it('is at « Terminé » once expired, the steps never reached not applicable, and links to a new request', async () => {
      const html = await caseIn('expired', { submitted_at: null });
      const { steps, current } = currentOf(html);
      assert.equal(current?.label, 'Terminé');
      assert.equal(current?.notes[0], 'Dossier expiré faute d’activité.');
      assert.deepEqual(
        steps.slice(2, 6).map((s) => s.status),
        Array(4).fill('Sans objet'),
      );
      assert.ok(html.includes('href="/recovery">Ouvrir une nouvelle demande'));
    });

    it('lists the files sent by piece and name once submitted, and the history names each piece', async () => {
      const opened = await openCase(t, 'company');
      await verifyCase(t, opened);
      const files = [
        {
          kind: 'kbis',
          filename: 'kbis-boulangerie.pdf',
          bytes: createTestPdf('Kbis'),
          contentType: 'application/pdf',
        },
        { kind: 'identity_front', filename: 'carte-recto.png', bytes: await createTestPng('Carte') },
        { kind: 'signed_letter', filename: 'lettre.png', bytes: await createTestPng('Lettre') },
      ];
      for (const { kind: piece, ...file } of files)
        assert.equal(
          (await uploadDocument(t, opened.reference, opened.caseToken, piece, file)).statusCode,
          201,
        );
      const before = await pageOf(opened.reference, opened.caseToken);
      assert.equal(before.includes('Fichiers envoyés'), false, 'no « files sent » before sending');
      const submitted = await callCase(
        t,
        'POST',
        `/api/v1/recovery/cases/${opened.reference}/submit`,
        opened.caseToken,
      );
      assert.equal(submitted.statusCode, 200);

      const html = await pageOf(opened.reference, opened.caseToken);
      const sent = /aria-labelledby="sent-title">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
      assert.ok(sent.includes('Fichiers envoyés'));
      const items = [...sent.matchAll(/<li>([^<]*)/g)].map((m) => m[1]?.trim());
      assert.deepEqual(items, [
        'Extrait Kbis de moins de 3 mois\u00a0: kbis-boulangerie.pdf',
        'Pièce d’identité (recto)\u00a0: carte-recto.png',
        'Courrier manuscrit signé\u00a0: lettre.png',
      ]);
      const history = /aria-labelledby="history-title">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
      for (const entry of [
        'Extrait Kbis ajouté',
        'Pièce d’identité (recto) ajoutée',
        'Courrier manuscrit signé ajouté',
        'Dossier envoyé à notre équipe',
      ])
        assert.ok(history.includes(entry), entry);
      assert.equal(history.includes('Fichier reçu'), false);

      const english = await pageOf(opened.reference, opened.caseToken, { 'accept-language': 'en' });
      assert.ok(english.includes('Identity document (front) added'));
      assert.ok(english.includes('Identity document (front): carte-recto.png'));
      assert.ok(english.includes('Usual turnaround: our team decides within 2 working days'));
      assert.equal(/<li[^>]*aria-current="step"[\s\S]*?stepper__label">Review</.test(english), true);

      // The API names the piece of each history entry too.
      const api = await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, opened.caseToken);
      const added = (
        api.json() as { events: { event: string; documentKind: string | null }[] }
      ).events.filter((e) => e.event === 'document_added');
      assert.deepEqual(
        added.map((e) => e.documentKind),
        ['kbis', 'identity_front', 'signed_letter'],
      );
    });

    it('says the files were deleted once purged, without listing them', async () => {
      const html = await caseIn('rejected', { documents_purged_at: t.deps.clock.now() });
      assert.match(html, /Vos fichiers ont été supprimés le \d+ /);
    });
  });
}
