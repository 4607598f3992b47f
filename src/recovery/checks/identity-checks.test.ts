import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIdentityDocument } from './identity-checks.ts';
import { breakAt, frenchId1988, td1 } from './mrz-specimens.test-helper.ts';

const today = new Date('2025-06-15T00:00:00Z');
const elodie = { firstName: 'Élodie', lastName: 'Marchand-Léger' };
const card = td1({
  number: 'X4RTBPFW4',
  birth: '900512',
  expiry: '310101',
  name: 'MARCHAND<LEGER<<ELODIE<ANNE',
});

function outcomes(texts: { documentId: string; text: string | null }[], people = [elodie], when = today) {
  const results = checkIdentityDocument({ texts, expectedPeople: people, today: when });
  return Object.fromEntries(results.map((r) => [r.check, r.outcome]));
}

describe('checkIdentityDocument', () => {
  it('passes a valid 2021 card whose MRZ is on the back side', () => {
    const texts = [
      { documentId: 'front', text: "CARTE NATIONALE D'IDENTITÉ\nMARCHAND-LÉGER Élodie" },
      { documentId: 'back', text: card.join('\n') },
    ];
    const results = checkIdentityDocument({ texts, expectedPeople: [elodie], today });
    assert.deepEqual(
      results.map((r) => [r.check, r.outcome, r.documentId]),
      [
        ['identity_mrz_found', 'pass', 'back'],
        ['identity_mrz_check_digits', 'pass', 'back'],
        ['identity_not_expired', 'pass', 'back'],
        ['identity_name_matches', 'pass', 'back'],
      ],
    );
    assert.equal(results[0]?.evidence.read, card.join('\n'));
  });

  it('fails the check digits of a broken MRZ', () => {
    assert.equal(
      outcomes([{ documentId: 'd', text: breakAt(card, 0, 7).join('\n') }]).identity_mrz_check_digits,
      'fail',
    );
  });

  it('fails an expired document and passes it the day before', () => {
    assert.equal(
      outcomes([{ documentId: 'd', text: card.join('\n') }], [elodie], new Date('2031-01-02'))
        .identity_not_expired,
      'fail',
    );
    assert.equal(
      outcomes([{ documentId: 'd', text: card.join('\n') }], [elodie], new Date('2031-01-01'))
        .identity_not_expired,
      'pass',
    );
  });

  it('compares names without accents, case or hyphens, but not another first name or surname', () => {
    const text = [{ documentId: 'd', text: card.join('\n') }];
    assert.equal(
      outcomes(text, [{ firstName: 'elodie anne', lastName: 'MARCHAND LEGER' }]).identity_name_matches,
      'pass',
    );
    assert.equal(
      outcomes(text, [{ firstName: 'Élodie', lastName: 'Marchand' }]).identity_name_matches,
      'fail',
    );
    assert.equal(
      outcomes(text, [{ firstName: 'Anne', lastName: 'Marchand-Léger' }]).identity_name_matches,
      'fail',
    );
    assert.equal(
      outcomes(text, [{ firstName: 'Paul', lastName: 'Durand' }, elodie]).identity_name_matches,
      'pass',
    );
  });

  it('takes a letter glued to the last given name in place of its first filler for that filler', () => {
    // Seen on a clean 2021 card: MARTIN<<CAMILLE<<<… read MARTIN<<CAMILLEX<<…
    const camille = td1({ number: 'X4RT12345', birth: '900512', expiry: '310101', name: 'MARTIN<<CAMILLE' });
    const read = camille.map((l, i) => (i === 2 ? `${l.slice(0, 15)}X${l.slice(16)}` : l));
    const results = checkIdentityDocument({
      texts: [{ documentId: 'd', text: read.join('\n') }],
      expectedPeople: [{ firstName: 'Camille', lastName: 'Martin' }],
      today,
    });
    const name = results.find((r) => r.check === 'identity_name_matches');
    assert.equal(name?.outcome, 'pass');
    assert.equal(
      name?.evidence.found,
      'CAMILLE MARTIN (lu CAMILLEX MARTIN : dernière lettre prise pour un « < » de remplissage)',
    );
    // Only a letter OCR makes of `<`, only at the end, and never to match another person.
    const camilleR = camille.map((l, i) => (i === 2 ? `${l.slice(0, 15)}R${l.slice(16)}` : l));
    const other = { firstName: 'Camille', lastName: 'Martin' };
    assert.equal(
      outcomes([{ documentId: 'd', text: camilleR.join('\n') }], [other]).identity_name_matches,
      'fail',
    );
    assert.equal(
      outcomes([{ documentId: 'd', text: read.join('\n') }], [{ firstName: 'Camil', lastName: 'Martin' }])
        .identity_name_matches,
      'fail',
    );
  });

  it('dates a 1988 card from its issue month and says so', () => {
    const old = frenchId1988({
      surname: 'DOUEL',
      given: 'CHRISTIANE',
      issue: '1106',
      dept: '932',
      seq: '02043',
      birth: '690620',
    });
    const results = checkIdentityDocument({
      texts: [{ documentId: 'd', text: old.join('\n') }],
      expectedPeople: [{ firstName: 'Christiane', lastName: 'Douël' }],
      today,
    });
    const expiry = results.find((r) => r.check === 'identity_not_expired');
    assert.equal(expiry?.outcome, 'pass');
    assert.match(expiry?.evidence.rule ?? '', /1988/);
    // Issued June 2011 to an adult: 15 years.
    assert.equal(expiry?.evidence.found, 'expire vers le 01/06/2026 (calculé)');
  });

  it('fails identity_mrz_found when text was read but has no MRZ, and never passes the rest', () => {
    assert.deepEqual(outcomes([{ documentId: 'd', text: 'Une photo de chat' }]), {
      identity_mrz_found: 'fail',
      identity_mrz_check_digits: 'not_run',
      identity_not_expired: 'not_run',
      identity_name_matches: 'not_run',
    });
  });

  it('shows the MRZ as read and as repaired when OCR confused O and 0', () => {
    // The composite check digit of this card is 0; OCR often reads it as O.
    const misread = card.map((l, i) => (i === 1 ? `${l.slice(0, 29)}O` : l));
    const results = checkIdentityDocument({
      texts: [{ documentId: 'back', text: misread.join('\n') }],
      expectedPeople: [elodie],
      today,
    });
    const digits = results.find((r) => r.check === 'identity_mrz_check_digits');
    assert.equal(digits?.outcome, 'pass');
    assert.equal(digits?.evidence.read, `lu :\n${misread.join('\n')}\ncorrigé :\n${card.join('\n')}`);
  });

  it('does not run without any text', () => {
    const all = Object.values(outcomes([{ documentId: 'd', text: null }]));
    assert.deepEqual(all, ['not_run', 'not_run', 'not_run', 'not_run']);
  });
});
