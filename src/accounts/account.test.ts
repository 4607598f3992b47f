import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Account,
  contactReminders,
  isValidRna,
  isValidSiren,
  normalizeEmail,
  normalizePhone,
} from './account.ts';

describe('normalizeEmail', () => {
  it('lower-cases the domain and the uniqueness key, keeping the local part as typed', () => {
    assert.deepEqual(normalizeEmail('  Jean.Dupont@Example.FR '), {
      ok: true,
      email: 'Jean.Dupont@example.fr',
      normalized: 'jean.dupont@example.fr',
    });
  });
  it('refuses a local part with a Cyrillic look-alike letter', () => {
    assert.equal(normalizeEmail('\u0430dmin@example.com').ok, false);
  });
  it('keeps an internationalized domain in its visibly different xn-- form', () => {
    const result = normalizeEmail('contact@\u0435xample.com');
    assert.equal(result.ok, true);
    assert.ok(result.ok && result.email.startsWith('contact@xn--'));
  });
  it('folds full-width characters before checking', () => {
    const result = normalizeEmail('ｊｅａｎ@example.fr');
    assert.deepEqual(result, { ok: true, email: 'jean@example.fr', normalized: 'jean@example.fr' });
  });
  for (const bad of [
    '',
    'plain',
    'a@b',
    'a@@b.fr',
    'a b@c.fr',
    '.a@b.fr',
    'a..b@c.fr',
    'a@-b.fr',
    'a@b.fr,c@d.fr',
    'a@b.123',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(normalizeEmail(bad).ok, false));
  }
});

describe('normalizePhone', () => {
  it('stores a French number in E.164', () => assert.equal(normalizePhone('06 12 34 56 78'), '+33612345678'));
  it('accepts an international number', () =>
    assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958'));
  it('refuses a number that cannot exist', () => assert.equal(normalizePhone('06 12'), null));
});

describe('isValidSiren', () => {
  it('accepts a SIREN whose Luhn sum is right', () => assert.equal(isValidSiren('732829320'), true));
  it('refuses a wrong check digit', () => assert.equal(isValidSiren('732829321'), false));
  it('accepts La Poste', () => assert.equal(isValidSiren('356000000'), true));
  it('refuses letters and wrong lengths', () => {
    assert.equal(isValidSiren('73282932'), false);
    assert.equal(isValidSiren('73282932A'), false);
  });
});

describe('isValidRna', () => {
  it('accepts W and 9 digits', () => assert.equal(isValidRna('W751234567'), true));
  it('refuses anything else', () => assert.equal(isValidRna('W75123456'), false));
});

describe('contactReminders', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const base = { emailVerifiedAt: now, phone: '+33612345678', phoneVerifiedAt: now } as Account;
  it('asks nothing of fresh, confirmed details', () =>
    assert.deepEqual(contactReminders(base, now, 365), []));
  it('nudges an unverified email and a stale phone', () => {
    const old = new Date('2024-01-01T00:00:00Z');
    assert.deepEqual(contactReminders({ ...base, emailVerifiedAt: null, phoneVerifiedAt: old }, now, 365), [
      'email_unverified',
      'phone_stale',
    ]);
  });
});
