import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMrz } from './mrz.ts';
import { correctMrzLines } from './mrz-correction.ts';
import { frenchId1988, td1, td3 } from './mrz-specimens.test-helper.ts';

const at = (line: string, index: number, ch: string) => line.slice(0, index) + ch + line.slice(index + 1);
const misread = (lines: string[], line: number, index: number, ch: string) =>
  lines.map((l, i) => (i === line ? at(l, index, ch) : l));

const permit = td1({
  code: 'IR',
  number: 'Y3KM55970',
  birth: '000303',
  expiry: '270910',
  name: 'MARTIN<<CHLOE',
});
const card1988 = frenchId1988({
  surname: 'NGUYEN',
  given: 'LOIC',
  issue: '1811',
  dept: '440',
  seq: '71460',
  birth: '910218',
  sex: 'M',
});

describe('correctMrzLines', () => {
  it('reads O, B, S, Z as digits in dates and check digits', () => {
    let lines = misread(permit, 1, 1, 'O'); // birth date 000303
    lines = misread(lines, 1, 29, (permit[1]?.[29] ?? '') === '0' ? 'O' : 'B');
    const reading = readMrz({ format: 'TD1', lines });
    assert.deepEqual(reading.lines, permit);
    assert.deepEqual(reading.linesAsRead, lines);
    assert.equal(reading.valid, true);
  });

  it('reads 0 as O in names (the 1988 card given name L0IC)', () => {
    const lines = misread(card1988, 1, 14, '0');
    const reading = readMrz({ format: 'FRENCH_NATIONAL_ID', lines });
    assert.equal(reading.givenNames, 'LOIC');
    assert.equal(reading.valid, true);
  });

  it('reads C, K and L inside filler runs as <, but never a name part', () => {
    const lines = [
      misread(permit, 0, 28, 'L')[0],
      permit[1],
      at(at(permit[2] ?? '', 26, 'C'), 27, 'L'),
    ] as string[];
    assert.deepEqual(correctMrzLines({ format: 'TD1', lines }).lines, permit);
    const luc = td3({ number: '18AB12345', birth: '851224', expiry: '300301', name: 'DUPONT<<JEAN<LUC' });
    assert.deepEqual(correctMrzLines({ format: 'TD3', lines: luc }).lines, luc);
  });

  it('takes the one reading of an ambiguous document number whose check digit verifies', () => {
    const good = td3({ number: 'Y3KM74029', birth: '851224', expiry: '300301', name: 'DUPONT<<JEAN' });
    const corrected = correctMrzLines({ format: 'TD3', lines: misread(good, 1, 6, 'O') });
    assert.deepEqual(corrected.lines, good);
    assert.deepEqual(corrected.notes, [
      'numéro lu Y3KM74O29, relu Y3KM74029 (seule lecture dont les chiffres de contrôle sont justes)',
    ]);
  });

  it('takes the closest verified reading when farther ones verify too', () => {
    // 18AB1O000: 18AB10000 (one change) verifies, and so do readings changing two of its 0/1/8/B.
    const good = td3({ number: '18AB10000', birth: '851224', expiry: '300301', name: 'DUPONT<<JEAN' });
    const lines = misread(good, 1, 5, 'O');
    const corrected = correctMrzLines({ format: 'TD3', lines });
    assert.deepEqual(corrected.lines, good);
    assert.deepEqual(corrected.notes, [
      'numéro lu 18AB1O000, relu 18AB10000 (la lecture la plus proche dont les chiffres de contrôle sont justes)',
    ]);
    assert.equal(readMrz({ format: 'TD3', lines }).valid, true);
  });

  it('keeps a number as read when two readings as close verify, and says so', () => {
    // A number misprinted at one character (B printed 0): two readings with two changes each verify.
    const lines = [
      'P<FRADUPONT<<JEAN<PIERRE<<<<<<<<<<<<<<<<<<<<',
      '18A0123451FRA8512246M3003013<<<<<<<<<<<<<<00',
    ];
    const corrected = correctMrzLines({ format: 'TD3', lines });
    assert.deepEqual(corrected.lines, lines);
    assert.deepEqual(corrected.notes, [
      'numéro 18A012345 gardé tel que lu : plusieurs lectures possibles (I8AO12345, 1BAO12345)',
    ]);
    assert.equal(readMrz({ format: 'TD3', lines }).valid, false);
  });

  it('reads a letter touching the only single < of a name without << as the separator', () => {
    const passport = td3({
      number: 'X6AB79088',
      birth: '851224',
      expiry: '300301',
      name: 'ROUSSEAU<<THIBAULT',
    });
    const asRead = misread(passport, 0, 13, 'X');
    const corrected = correctMrzLines({ format: 'TD3', lines: asRead });
    assert.deepEqual(corrected.lines, passport);
    assert.deepEqual(corrected.notes, [
      'nom lu ROUSSEAUX<THIBAULT, relu ROUSSEAU<<THIBAULT (séparateur << du nom et des prénoms)',
    ]);
    const card = td1({
      code: 'ID',
      number: 'X7RT36893',
      birth: '600125',
      expiry: '291010',
      name: 'ROUSSEAU<<JEAN',
    });
    assert.deepEqual(correctMrzLines({ format: 'TD1', lines: misread(card, 2, 8, 'S') }).lines, card);
    assert.equal(readMrz({ format: 'TD1', lines: misread(card, 2, 8, 'S') }).lastName, 'ROUSSEAU');
  });

  it('leaves a name as read when the separator could be in two places, or is there', () => {
    // DUBOIS<MARTIN<<JEAN read DUBOIS<MARTINS<JEAN: the S of DUBOIS could be the misread one too.
    const card = td1({
      code: 'ID',
      number: 'X7RT36893',
      birth: '600125',
      expiry: '291010',
      name: 'DUBOIS<MARTIN<<JEAN',
    });
    const asRead = misread(card, 2, 13, 'S');
    assert.deepEqual(correctMrzLines({ format: 'TD1', lines: asRead }).lines, asRead);
    const leroux = td1({
      code: 'ID',
      number: 'X7RT36893',
      birth: '600125',
      expiry: '291010',
      name: 'LEROUX<<JEAN<LUC',
    });
    assert.deepEqual(correctMrzLines({ format: 'TD1', lines: leroux }).lines, leroux);
  });

  it('never repairs a deliberately wrong check digit', () => {
    for (const number of ['18AB10345', 'Z8RT04482', 'X5KM68620', 'Y3KM55970', 'X0AB18851']) {
      const good = td3({ number, birth: '851224', expiry: '300301', name: 'DUPONT<<JEAN' });
      const digit = Number(good[1]?.[9]);
      // The corpus adds 3; every other offset must hold too.
      // Off by 5, a reading that also moves the number by 5 satisfies both check digits (8×5 ≡ 0 mod 10).
      for (const offset of [1, 2, 3, 4, 6, 7, 8, 9]) {
        const broken = misread(good, 1, 9, String((digit + offset) % 10));
        const reading = readMrz({ format: 'TD3', lines: broken });
        assert.equal(reading.valid, false, `${number} +${offset}`);
        assert.equal(reading.lines[1]?.[9], broken[1]?.[9]);
      }
    }
  });
});
