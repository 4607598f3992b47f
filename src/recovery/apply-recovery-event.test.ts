import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { seedRecoveryCase } from '../../test/support/recovery.ts';
import { sourceFilesMatching } from '../../test/support/source-files.ts';
import { createManualClock } from '../platform/clock.ts';
import { applyRecoveryEvent } from './apply-recovery-event.ts';
import { nextRecoveryStatus, recoveryEvents, recoveryStatuses } from './case.ts';
import { getRecoveryCaseById, lockRecoveryCaseById, type RecoveryCaseChanges } from './cases.repository.ts';

// @ts-expect-error a case's state is not a field to change: only applyRecoveryEvent moves it
const statusIsNoChange: RecoveryCaseChanges = { status: 'approved' };
void statusIsNoChange;

describe('applyRecoveryEvent', () => {
  it('is the only code that moves a case: the compare-and-set on the status has no other caller', () => {
    assert.deepEqual(sourceFilesMatching(/\btransitionRecoveryCase\b/), [
      'src/recovery/apply-recovery-event.ts',
      'src/recovery/cases.repository.ts',
    ]);
    // No other UPDATE of the table names the status (updateRecoveryCase's changes cannot: see above).
    const updates = sourceFilesMatching(/updateTable\('recovery_cases'\)/).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/updateTable\('recovery_cases'\)[^;]*;/g)].map((m) => m[0]),
    );
    assert.ok(updates.length >= 3, 'the scan found the UPDATE statements');
    const settingStatus = updates.filter((statement) => /\.set\([^)]*\bstatus\b/.test(statement));
    assert.equal(settingStatus.length, 1);
    assert.match(
      settingStatus[0] ?? '',
      /status: to \}\)\s*\.where\('id', '=', id\)\s*\.where\('status', '=', from\)/,
    );
  });

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind}`, () => {
      let database: TestDatabase;
      const clock = createManualClock(new Date('2026-12-01T09:00:00Z'));
      before(async () => {
        database = await createTestDatabase(kind);
      });
      after(() => database.destroy());

      it('makes exactly the transitions of the table, and writes nothing for any other pair', async () => {
        const deps = { db: database.db, clock };
        for (const status of recoveryStatuses) {
          for (const event of recoveryEvents) {
            const { recoveryCase } = await seedRecoveryCase(deps, { status });
            const moved = await database.db.transaction().execute(async (tx) => {
              const locked = await lockRecoveryCaseById(tx, recoveryCase.id);
              if (!locked) throw new Error('seeded case missing');
              return applyRecoveryEvent(tx, locked, event, { updated_at: clock.now() });
            });
            const expected = nextRecoveryStatus(status, event);
            const stored = await getRecoveryCaseById(database.db, recoveryCase.id);
            assert.equal(moved?.status ?? null, expected, `${status} on ${event}`);
            assert.equal(stored?.status, expected ?? status, `${status} on ${event}, as stored`);
          }
        }
      });

      it('lets exactly one of two concurrent transitions from the same state through', async () => {
        const { recoveryCase } = await seedRecoveryCase({ db: database.db, clock }, { status: 'in_review' });
        // Not locked on purpose: the compare-and-set alone must stop the second writer.
        const results = await Promise.all(
          (['approve', 'reject'] as const).map((event) =>
            database.db
              .transaction()
              .execute((tx) => applyRecoveryEvent(tx, recoveryCase, event, { updated_at: clock.now() })),
          ),
        );
        assert.equal(results.filter((r) => r !== null).length, 1);
        const stored = await getRecoveryCaseById(database.db, recoveryCase.id);
        assert.ok(stored && ['approved', 'rejected'].includes(stored.status));
      });
    });
  }
});
