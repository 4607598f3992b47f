import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  nextSingleUseTokenState as nextResetTokenState,
  singleUseTokenState as resetTokenState,
} from '../platform/tokens/single-use-token.ts';
import { type PasswordResetToken, passwordResetLink, resetTokenExpiry } from './password-reset.ts';

const now = new Date('2026-11-24T10:00:00Z');
const token = (changes: Partial<PasswordResetToken> = {}): PasswordResetToken => ({
  id: 't',
  accountId: 'a',
  createdAt: now,
  expiresAt: resetTokenExpiry(now, 30),
  usedAt: null,
  invalidatedAt: null,
  ...changes,
});
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('resetTokenState', () => {
  it('awaits use until the last millisecond of its 30 minutes, then is expired', () => {
    assert.equal(resetTokenState(token(), later(29.99)), 'awaiting_use');
    assert.equal(resetTokenState(token(), later(30)), 'expired');
  });
  it('stays used or invalidated after its expiry', () => {
    assert.equal(resetTokenState(token({ usedAt: later(1) }), later(60)), 'used');
    assert.equal(resetTokenState(token({ invalidatedAt: later(1) }), later(60)), 'invalidated');
  });
});

describe('nextResetTokenState', () => {
  it('allows use and invalidation only while awaiting use', () => {
    assert.equal(nextResetTokenState('awaiting_use', 'use'), 'used');
    assert.equal(nextResetTokenState('awaiting_use', 'invalidate'), 'invalidated');
    for (const state of ['used', 'invalidated', 'expired'] as const) {
      assert.equal(nextResetTokenState(state, 'use'), null, `${state} cannot be used`);
      assert.equal(nextResetTokenState(state, 'invalidate'), null, `${state} cannot be invalidated`);
    }
  });
});

describe('passwordResetLink', () => {
  it('is built from PUBLIC_URL’s origin alone, with the token as a query parameter', () => {
    const link = passwordResetLink(new URL('https://espace.example.fr/ignored/path?x=1'), 'abc-_123');
    assert.equal(link, 'https://espace.example.fr/password/reset?token=abc-_123');
  });
});
