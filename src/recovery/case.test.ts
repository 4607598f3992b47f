import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  nextRecoveryStatus,
  type RecoveryEvent,
  type RecoveryStatus,
  recoveryEvents,
  recoveryStatuses,
} from './case.ts';
import { recoveryRequirementStatus } from './claimant/requirements.ts';
import {
  optionalDocumentKinds,
  requiredDocumentKinds,
  uploadableDocumentKinds,
} from './documents/document-kinds.ts';
import { checklistItemsByType } from './review/checklist.ts';

// The lifecycle of DESIGN.md written out pair by pair: anything not listed must be refused.
const allowed: Record<string, RecoveryStatus> = {
  'draft/submit': 'submitted',
  'draft/expire': 'expired',
  'submitted/assign': 'in_review',
  'in_review/request_info': 'awaiting_claimant',
  'in_review/reject': 'rejected',
  'in_review/approve': 'approved',
  'awaiting_claimant/claimant_responds': 'submitted',
  'awaiting_claimant/expire': 'expired',
  'approved/complete': 'completed',
  'approved/object': 'in_review',
  'approved/reopen': 'in_review',
};

describe('recovery case lifecycle', () => {
  for (const status of recoveryStatuses) {
    for (const event of recoveryEvents) {
      const expected = allowed[`${status}/${event}`] ?? null;
      it(`${status} on ${event} → ${expected ?? 'refused'}`, () => {
        assert.equal(nextRecoveryStatus(status, event as RecoveryEvent), expected);
      });
    }
  }

  it('has no way out of completed, rejected or expired', () => {
    for (const status of ['completed', 'rejected', 'expired'] as const)
      for (const event of recoveryEvents) assert.equal(nextRecoveryStatus(status, event), null);
  });
});

describe('recovery requirements', () => {
  it('asks an association for statutes, both sides of the identity document and the letter', () => {
    const status = recoveryRequirementStatus(
      { accountType: 'association', newEmailVerifiedAt: new Date(), declaration: null },
      [
        { kind: 'statutes', purgedAt: null },
        { kind: 'identity_front', purgedAt: null },
        { kind: 'identity_back', purgedAt: new Date() },
      ],
    );
    assert.deepEqual(status, [
      { kind: 'statutes', satisfied: true },
      { kind: 'identity_front', satisfied: true },
      // A purged document no longer counts.
      { kind: 'identity_back', satisfied: false },
      { kind: 'signed_letter', satisfied: false },
      { kind: 'new_email_verified', satisfied: true },
      { kind: 'declaration', satisfied: false },
    ]);
  });

  it('lets individuals and companies add the back of the identity document without requiring it', () => {
    assert.deepEqual(uploadableDocumentKinds('individual'), [
      'identity_front',
      'identity_back',
      'signed_letter',
    ]);
    assert.deepEqual(uploadableDocumentKinds('company'), [
      'kbis',
      'identity_front',
      'identity_back',
      'signed_letter',
    ]);
    assert.deepEqual(uploadableDocumentKinds('association'), requiredDocumentKinds.association);
    const status = recoveryRequirementStatus(
      { accountType: 'individual', newEmailVerifiedAt: null, declaration: null },
      [{ kind: 'identity_back', purgedAt: null }],
    );
    assert.equal(
      status.some((r) => r.kind === 'identity_back'),
      false,
    );
  });

  it('keeps optional and required kinds apart, and each type’s required order', () => {
    for (const type of ['individual', 'company', 'association'] as const) {
      for (const kind of optionalDocumentKinds[type])
        assert.equal(requiredDocumentKinds[type].includes(kind), false, `${type} ${kind}`);
      assert.deepEqual(
        uploadableDocumentKinds(type).filter((k) => requiredDocumentKinds[type].includes(k)),
        requiredDocumentKinds[type],
      );
    }
  });

  it('checks a Kbis for companies only, and the president for associations only', () => {
    assert.ok(checklistItemsByType.company.includes('kbis_recent'));
    assert.ok(!checklistItemsByType.individual.includes('kbis_recent'));
    assert.ok(checklistItemsByType.association.includes('identity_name_matches_president'));
    for (const items of Object.values(checklistItemsByType)) {
      assert.ok(items.includes('declaration_present'));
      assert.ok(items.includes('pieces_coherent'));
    }
  });
});
