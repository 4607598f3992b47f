import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestJpeg, createTestPdf, findFilesContaining } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { discardStoredDocument, intakeDocument, readStoredDocument } from './document-intake.ts';
import type { DocumentKind } from './document-kinds.ts';
import {
  getStoredRecoveryDocument,
  insertRecoveryDocument,
  listStorageKeysOfCase,
  markRecoveryDocumentsPurged,
} from './documents.repository.ts';

for (const kind of testDatabaseKinds()) {
  describe(`intaken documents saved with their row [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    async function saveDocument(caseId: string, documentKind: DocumentKind, bytes: Buffer) {
      const intaken = await intakeDocument(t.deps, { bytes, originalName: 'pièce.pdf' });
      await t.deps.db.transaction().execute((tx) =>
        insertRecoveryDocument(tx, {
          ...intaken,
          caseId,
          kind: documentKind,
          uploadedAt: t.clock.now(),
          purgedAt: null,
        }),
      );
      return intaken;
    }

    it('reads back through the row what was stored, and nothing readable is on disk', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'draft' });
      const marker = `LETTRE-${crypto.randomUUID()}`;
      const pdf = createTestPdf(marker);
      const saved = await saveDocument(recoveryCase.id, 'signed_letter', pdf);
      const row = await getStoredRecoveryDocument(t.deps.db, recoveryCase.id, saved.id);
      assert.ok(row);
      assert.equal(row.wrappedKey, saved.wrappedKey);
      assert.deepEqual([row.mediaType, row.pageCount, row.originalName], ['application/pdf', 1, 'pièce.pdf']);
      assert.ok((await readStoredDocument(t.deps, row)).equals(pdf));
      assert.deepEqual(await findFilesContaining(t.deps.config.dataDir, marker), []);
    });

    it('forgets the keys at purge, after which the ciphertext can be discarded', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'draft' });
      const saved = await saveDocument(recoveryCase.id, 'identity_front', await createTestJpeg('recto'));
      const keys = await listStorageKeysOfCase(t.deps.db, recoveryCase.id);
      assert.deepEqual(keys, [{ id: saved.id, storageKey: saved.storageKey }]);
      for (const key of keys) await discardStoredDocument(t.deps, key.storageKey);
      const purged = await t.deps.db
        .transaction()
        .execute((tx) => markRecoveryDocumentsPurged(tx, recoveryCase.id, t.clock.now()));
      assert.equal(purged, 1);
      assert.equal(await getStoredRecoveryDocument(t.deps.db, recoveryCase.id, saved.id), null);
      await assert.rejects(readStoredDocument(t.deps, saved), { reason: 'missing' });
    });
  });
}
