import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecoveryStatus } from '../case.ts';
import { claimantProgress } from './claimant-progress.ts';

const at = new Date('2026-12-08T09:00:00Z');
const facts = (status: RecoveryStatus, overrides: Record<string, unknown> = {}, events: string[] = []) => ({
  recoveryCase: {
    status,
    newEmailVerifiedAt: at,
    submittedAt: at,
    approvedAt: null,
    objectionDeadline: null,
    closedAt: null,
    lastActivityAt: at,
    ...overrides,
  },
  requirements: [{ kind: 'identity_front', satisfied: true }],
  events: events.map((event) => ({ event })),
});

describe('claimantProgress', () => {
  it('says « new review » when the case is back in review after an objection', () => {
    const progress = claimantProgress(facts('in_review', {}, ['approved', 'objected']));
    assert.equal(progress.current, 'review');
    assert.equal(progress.steps[3]?.note, 'reviewing_again');
    assert.deepEqual(
      progress.steps.slice(4).map((s) => s.status),
      ['upcoming', 'upcoming', 'upcoming'],
    );
  });

  it('carries the objection deadline as the step’s end, not as a date done', () => {
    const deadline = new Date('2026-12-09T09:00:00Z');
    const step = claimantProgress(facts('approved', { approvedAt: at, objectionDeadline: deadline }))
      .steps[5];
    assert.deepEqual(step, {
      step: 'objection',
      status: 'in_progress',
      note: 'objection_until',
      date: null,
      until: deadline,
    });
  });

  it('ends an expired case waiting for complements at « done », the review skipped', () => {
    const progress = claimantProgress(facts('expired', { closedAt: at }));
    assert.equal(progress.current, 'done');
    assert.deepEqual(
      progress.steps.map((s) => s.status),
      ['done', 'done', 'done', 'skipped', 'skipped', 'skipped', 'done'],
    );
    assert.equal(progress.steps[6]?.note, 'expired');
  });

  it('skips every step of a draft that expired before its address was confirmed', () => {
    const progress = claimantProgress(facts('expired', { newEmailVerifiedAt: null, submittedAt: null }));
    assert.deepEqual(
      progress.steps.map((s) => s.status),
      ['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'done'],
    );
    assert.equal(progress.steps[6]?.date, at, 'dated by the last activity when no closing date is known');
  });

  it('has exactly one step in progress, or none once the case is over', () => {
    for (const status of ['draft', 'submitted', 'in_review', 'awaiting_claimant', 'approved'] as const)
      assert.equal(
        claimantProgress(facts(status)).steps.filter((s) => s.status === 'in_progress').length,
        1,
        status,
      );
    for (const status of ['completed', 'rejected', 'expired'] as const) {
      const progress = claimantProgress(facts(status));
      assert.equal(progress.steps.filter((s) => s.status === 'in_progress').length, 0, status);
      assert.equal(progress.current, 'done', status);
    }
  });
});
