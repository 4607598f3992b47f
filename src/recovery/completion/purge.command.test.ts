import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createCliSandbox } from '../../../test/support/cli.ts';
import { createTestPdf } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { loadConfig } from '../../config.ts';
import { createManualClock, DAY } from '../../platform/clock.ts';
import { createDatabase, migrateToLatest, pgliteDirFor } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { createDocumentStorage } from '../../platform/files/document-storage.ts';
import { getRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { intakeDocument } from '../documents/document-intake.ts';
import { insertRecoveryDocument } from '../documents/documents.repository.ts';

describe('sesame purge', () => {
  const cli = createCliSandbox('purge');
  after(() => cli.remove());

  /** The sandbox's embedded database, opened while no command runs (PGlite has one user at a time). */
  async function withSandboxDeps<T>(
    run: (deps: Deps & { clock: ReturnType<typeof createManualClock> }) => Promise<T>,
  ) {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: cli.dataDir, LOG_LEVEL: 'silent' });
    const db = createDatabase({ pgliteDir: pgliteDirFor(cli.dataDir) });
    const deps = {
      config,
      db,
      clock: createManualClock(new Date()),
      log: pino({ level: 'silent' }),
      masterKey: randomBytes(32),
      storage: createDocumentStorage(config),
    };
    try {
      await migrateToLatest(db);
      return await run(deps);
    } finally {
      await db.destroy();
    }
  }

  let closedCaseId = '';
  let draftCaseId = '';
  let file = '';
  before(async () => {
    await withSandboxDeps(async (deps) => {
      // A rejected case closed 31 days ago (past the default 30-day retention), with one document.
      const closed = await seedRecoveryCase(deps, { status: 'rejected' });
      closedCaseId = closed.recoveryCase.id;
      const longAgo = new Date(Date.now() - 31 * DAY);
      await deps.db
        .transaction()
        .execute((tx) => updateRecoveryCase(tx, closedCaseId, { closed_at: longAgo, updated_at: longAgo }));
      const stored = await intakeDocument(deps, {
        bytes: createTestPdf('Lettre'),
        originalName: 'lettre.pdf',
      });
      await deps.db.transaction().execute((tx) =>
        insertRecoveryDocument(tx, {
          ...stored,
          caseId: closedCaseId,
          kind: 'signed_letter',
          uploadedAt: longAgo,
          purgedAt: null,
        }),
      );
      file = path.join(cli.dataDir, 'documents', stored.storageKey);
      // A draft left 8 days ago (past the default 7-day expiry).
      deps.clock.set(new Date(Date.now() - 8 * DAY));
      draftCaseId = (await seedRecoveryCase(deps, { status: 'draft' })).recoveryCase.id;
    });
  });

  it('expires inactive cases, purges documents past the retention period and prints the counts as JSON', async () => {
    assert.ok(existsSync(file));
    const run = cli.run('purge');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { expired: 1, purgedCases: 1, purgedDocuments: 1 });
    assert.ok(!existsSync(file), 'the ciphertext is gone from DATA_DIR/documents');
    await withSandboxDeps(async (deps) => {
      assert.equal((await getRecoveryCaseById(deps.db, draftCaseId))?.status, 'expired');
      assert.notEqual((await getRecoveryCaseById(deps.db, closedCaseId))?.documentsPurgedAt, null);
      const purged = await deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'recovery.documents_purged')
        .execute();
      assert.equal(purged.length, 1);
    });
    const again = cli.run('purge');
    assert.deepEqual(JSON.parse(again.stdout), { expired: 0, purgedCases: 0, purgedDocuments: 0 });
  });
});
