import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { textPdf } from '../../../test/support/documents.ts';
import { seedReadyCase } from '../../../test/support/recovery-review.ts';
import { createTestStaff } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Db } from '../../platform/db/database.ts';
import { transitionRecoveryCase } from '../cases.repository.ts';
import { purgeRecoveryDocuments } from '../completion/retention.service.ts';
import { intakeDocument } from '../documents/document-intake.ts';
import type { DocumentKind } from '../documents/document-kinds.ts';
import { insertRecoveryDocument } from '../documents/documents.repository.ts';
import { listRecoveryChecksByCase } from './check-results.ts';
import { runRecoveryChecks } from './document-checks.service.ts';
import { td3 } from './mrz-specimens.test-helper.ts';
import { shutdownOcr } from './ocr.ts';

// A passport of someone else than the fiche's holder: the name check fails and raises a flag too.
const mrz = td3({ number: 'XK7Q29ZB4', birth: '880412', expiry: '350101', name: 'DURANDEAU<<PAULIN' });
const letterPhrase = 'titulaire du compte zigomar';

/** Every row of every table of the public schema, as text: what a dump of the database would hold. */
async function dumpDatabase(db: Db): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

for (const kind of testDatabaseKinds()) {
  describe(`check evidence at rest and after the purge [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { DOCUMENT_RETENTION_DAYS: '0' });
    });
    after(async () => {
      await t.close();
      await shutdownOcr();
    });

    async function addDocument(caseId: string, documentKind: DocumentKind, lines: string[]) {
      const intaken = await intakeDocument(t.deps, {
        bytes: textPdf(lines),
        originalName: `${documentKind}.pdf`,
      });
      await t.deps.db.transaction().execute((tx) =>
        insertRecoveryDocument(tx, {
          ...intaken,
          caseId,
          kind: documentKind,
          uploadedAt: t.clock.now(),
          purgedAt: null,
        }),
      );
    }

    it('keeps what OCR read sealed, shows it to the agent, and leaves none of it after the purge', async () => {
      const staff = await createTestStaff(t.deps);
      const { recoveryCase } = await seedReadyCase(t.deps, staff.user.id);
      await addDocument(recoveryCase.id, 'identity_front', ['PASSEPORT', ...mrz]);
      await addDocument(recoveryCase.id, 'signed_letter', [
        `Madame, Monsieur, ${letterPhrase}.`,
        recoveryCase.newEmail,
      ]);
      await runRecoveryChecks(t.deps, recoveryCase.id);

      const checks = await listRecoveryChecksByCase(t.deps, recoveryCase.id);
      const read = checks.map((c) => c.evidence?.read ?? '').join('\n');
      assert.ok(read.includes(mrz[0] as string), 'the agent still sees the MRZ as read');
      assert.ok(read.includes(letterPhrase), 'and the letter excerpt');
      assert.equal(checks.find((c) => c.check === 'identity_name_matches')?.outcome, 'fail');
      const secrets = [mrz[0] as string, mrz[1] as string, 'XK7Q29ZB4', 'DURANDEAU', letterPhrase];
      const before = await dumpDatabase(t.deps.db);
      for (const secret of secrets) assert.ok(!before.includes(secret), `sealed at rest: ${secret}`);

      await t.deps.db
        .transaction()
        .execute((tx) =>
          transitionRecoveryCase(tx, recoveryCase.id, 'in_review', 'rejected', { closed_at: t.clock.now() }),
        );
      assert.deepEqual(await purgeRecoveryDocuments(t.deps), { purgedCases: 1, purgedDocuments: 2 });
      const purged = await listRecoveryChecksByCase(t.deps, recoveryCase.id);
      assert.ok(purged.length > 0, 'the outcomes stay');
      assert.ok(
        purged.every((c) => c.evidence === null),
        'what the checks read is gone',
      );
      const stored = await t.deps.db
        .selectFrom('recovery_checks')
        .select('sealed_evidence')
        .where('case_id', '=', recoveryCase.id)
        .execute();
      assert.ok(
        stored.every((r) => r.sealed_evidence === null),
        'not even the sealed form stays',
      );
      const after = await dumpDatabase(t.deps.db);
      for (const secret of secrets) assert.ok(!after.includes(secret), `gone after the purge: ${secret}`);
    });
  });
}
