import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'mrz';
import { ocrbFontSkipReason } from '../../test/support/fonts.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { getRecoveryCaseByReference } from '../recovery/cases.repository.ts';
import { listRecoveryChecksByCase } from '../recovery/checks/check-results.ts';
import type { DocumentCheckName, PersonName } from '../recovery/checks/document-check.ts';
import { runRecoveryChecks } from '../recovery/checks/document-checks.service.ts';
import { checkIdentityDocument } from '../recovery/checks/identity-checks.ts';
import { shutdownOcr } from '../recovery/checks/ocr.ts';
import { listRecoveryFlags } from '../recovery/flags.repository.ts';
import { demoAccounts, loadDemoAccounts } from './demo-accounts.ts';
import { demoIdentityMrz } from './demo-documents.ts';
import { type DemoCase, demoCases, loadDemoRecoveryCases } from './demo-recovery-cases.ts';

/**
 * The demo's happy path: its identity specimens carry a valid MRZ for the person the checks expect,
 * and, read by the real OCR, every automatic check of every demo case passes.
 */

/** Whom the identity checks expect: the claimant, and once linked the fiche's holder or contact. */
function expectedPeople(demo: DemoCase): PersonName[] {
  const account = demoAccounts.find((a) => a.type === demo.accountType);
  const fiche =
    account?.type !== 'association' && account?.firstName && account.lastName
      ? [{ firstName: account.firstName, lastName: account.lastName }]
      : [];
  return [demo.claimant, ...fiche];
}

const identityChecks: DocumentCheckName[] = [
  'identity_mrz_found',
  'identity_mrz_check_digits',
  'identity_not_expired',
  'identity_name_matches',
];

const checksByType: Record<DemoCase['accountType'], DocumentCheckName[]> = {
  individual: [...identityChecks, 'letter_names_new_email', 'pieces_same_person'],
  company: [
    ...identityChecks,
    'kbis_siren_matches',
    'kbis_name_matches',
    'kbis_recent',
    'letter_names_new_email',
    'pieces_same_person',
  ],
  association: [
    ...identityChecks,
    'statutes_name_matches',
    'statutes_president_matches',
    'statutes_recent',
    'letter_names_new_email',
    'pieces_same_person',
  ],
};

describe('demo identity specimens', () => {
  // Today, and the end of a year a decade on: the specimen's dates follow the day the demo runs.
  const days = [new Date(), new Date(Date.UTC(new Date().getUTCFullYear() + 10, 11, 31, 23))];
  for (const demo of demoCases) {
    const who = `${demo.claimant.firstName} ${demo.claimant.lastName}`;
    it(`gives the ${demo.accountType} case an identity document whose MRZ is ${who}'s and valid`, () => {
      const sides = demo.documents.flatMap((d) => ('identity' in d ? [d] : []));
      assert.notEqual(sides.length, 0, 'no identity document');
      for (const today of days) {
        const printed = sides.map((d) => demoIdentityMrz(d.identity, d.side, today));
        const [mrz, ...others] = printed.filter((lines) => lines.length > 0);
        assert.ok(mrz, 'no side prints an MRZ');
        assert.deepEqual(others, [], 'one MRZ per document');
        // The `mrz` package on its own: check digits, dates and names, whatever our reader does.
        const parsed = parse(mrz);
        assert.equal(parsed.valid, true, mrz.join('\n'));
        assert.equal(parsed.fields.lastName, demo.claimant.lastName.toUpperCase());
        assert.equal(parsed.fields.firstName, demo.claimant.firstName.toUpperCase());
        const texts = sides.map((d, i) => ({
          documentId: d.name,
          text: null,
          mrzText: printed[i]?.join('\n') || null,
        }));
        for (const person of expectedPeople(demo)) {
          const results = checkIdentityDocument({ texts, expectedPeople: [person], today });
          assert.deepEqual(
            results.map((r) => [r.check, r.outcome]),
            identityChecks.map((check) => [check, 'pass']),
          );
        }
      }
    });
  }
});

describe('demo recovery cases through the automatic checks (OCR)', { skip: ocrbFontSkipReason() }, () => {
  let t: TestApp;
  let references: string[];
  before(async () => {
    t = await buildTestApp('pglite');
    await loadDemoAccounts(t.deps);
    references = await loadDemoRecoveryCases(t.deps);
  });
  after(async () => {
    await t.close();
    await shutdownOcr();
  });

  for (const [index, demo] of demoCases.entries()) {
    it(`passes every check of the ${demo.accountType} case and raises no flag`, async () => {
      const recoveryCase = await getRecoveryCaseByReference(t.deps.db, references[index] ?? '');
      assert.equal(recoveryCase?.newEmail, demo.newEmail);
      if (!recoveryCase) return;
      await runRecoveryChecks(t.deps, recoveryCase.id);
      const results = await listRecoveryChecksByCase(t.deps, recoveryCase.id);
      assert.deepEqual(results.map((r) => r.check).sort(), [...checksByType[demo.accountType]].sort());
      assert.deepEqual(
        results.filter((r) => r.outcome !== 'pass').map((r) => ({ ...r.evidence, check: r.check })),
        [],
      );
      assert.deepEqual(await listRecoveryFlags(t.deps.db, recoveryCase.id), []);
    });
  }
});
