import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMrz, frenchCardExpiry, mrzExpiryDate, readMrz, toIsoDate } from './mrz.ts';
import { breakAt, frenchId1988, td1, td3 } from './mrz-specimens.test-helper.ts';

const today = new Date('2025-06-15T00:00:00Z');
const card2021 = td1({
  number: 'X4RTBPFW4',
  birth: '900512',
  expiry: '310101',
  name: 'MARCHAND<LEGER<<ELODIE<ANNE',
});
const passport = td3({ number: '18AB12345', birth: '851224', expiry: '300301', name: 'DUPONT<<JEAN<PIERRE' });
const card1988 = frenchId1988({
  surname: 'DOUEL',
  given: 'CHRISTIANE',
  issue: '0806',
  dept: '932',
  seq: '02043',
  birth: '690620',
});
const permit = td1({
  code: 'IR',
  number: 'A12345678',
  birth: '010203',
  expiry: '270405',
  name: 'NGUYEN<<THI<MAI',
});

describe('findMrz', () => {
  it('finds each format among other OCR lines', () => {
    const cases = [
      [card2021, 'TD1'],
      [passport, 'TD3'],
      [card1988, 'FRENCH_NATIONAL_ID'],
      [permit, 'TD1'],
    ] as const;
    for (const [lines, format] of cases) {
      const found = findMrz(`RÉPUBLIQUE FRANÇAISE\nCarte nationale d'identité\n${lines.join('\n')}\n`);
      assert.deepEqual(found, { format, lines });
    }
  });

  it('tolerates spaces inside filler runs, « for < and one missing trailing filler', () => {
    const noisy = [card2021[0], card2021[1], card2021[2]?.slice(0, 29)].map((l) => l?.replace('<<', '< «'));
    assert.deepEqual(findMrz(noisy.join('\n'))?.lines, card2021);
  });

  it('returns null without MRZ lines', () => {
    assert.equal(findMrz('Nom : Dupont\nPrénom : Jean'), null);
    assert.equal(findMrz(null), null);
  });
});

describe('readMrz', () => {
  it('reads a valid 2021 card: number, names, dates and check digits', () => {
    const reading = readMrz({ format: 'TD1', lines: card2021 });
    assert.equal(reading.valid, true);
    assert.equal(reading.documentNumber, 'X4RTBPFW4');
    assert.equal(reading.lastName, 'MARCHAND LEGER');
    assert.equal(reading.givenNames, 'ELODIE ANNE');
    assert.equal(reading.birthDate, '900512');
    assert.equal(reading.expiryDate, '310101');
    assert.ok(reading.checkDigits.length >= 4 && reading.checkDigits.every((d) => d.valid));
  });

  it('reads a valid passport, residence permit and 1988 card', () => {
    for (const lines of [passport, permit, card1988]) {
      const found = findMrz(lines.join('\n'));
      assert.ok(found);
      assert.equal(readMrz(found).valid, true, lines.join('\n'));
    }
    const old = readMrz({ format: 'FRENCH_NATIONAL_ID', lines: card1988 });
    assert.equal(old.lastName, 'DOUEL');
    assert.equal(old.givenNames, 'CHRISTIANE');
    assert.equal(old.issueDate, '0806');
    assert.equal(old.expiryDate, null);
  });

  it('fails the check digits when one digit of each format is broken', () => {
    const broken = [
      { format: 'TD1', lines: breakAt(card2021, 1, 2) }, // birth date
      { format: 'TD3', lines: breakAt(passport, 1, 3) }, // document number
      { format: 'FRENCH_NATIONAL_ID', lines: breakAt(card1988, 1, 30) }, // birth date
      { format: 'TD1', lines: breakAt(permit, 1, 10) }, // expiry
    ] as const;
    for (const { format, lines } of broken) {
      const reading = readMrz({ format, lines: [...lines] });
      assert.equal(reading.valid, false, lines.join('\n'));
      assert.ok(reading.checkDigits.some((d) => !d.valid));
    }
  });
});

describe('MRZ dates', () => {
  it('reads an old « 99 » expiry as 1999, never 2099', () => {
    assert.equal(toIsoDate(mrzExpiryDate('991231', today) as Date), '1999-12-31');
    assert.equal(toIsoDate(mrzExpiryDate('310101', today) as Date), '2031-01-01');
    assert.equal(mrzExpiryDate('310231', today), null);
  });

  it('gives a 1988 card 15 years when issued to an adult from 2004 on, else 10', () => {
    assert.equal(frenchCardExpiry('0806', '690620', today)?.years, 15);
    // Issued in 2016 to an adult: 15 years from the start (a 10-year reading would call it expired in 2026).
    assert.equal(frenchCardExpiry('1603', '690620', today)?.years, 15);
    assert.equal(frenchCardExpiry('0806', '000101', today)?.years, 10);
    assert.equal(frenchCardExpiry('0306', '690620', today)?.years, 10);
    // Issued in February 2015 to a 15-year-old: 10 years, counted from the first of the month.
    assert.equal(toIsoDate(frenchCardExpiry('1502', '000101', today)?.expiry as Date), '2025-02-01');
  });
});
