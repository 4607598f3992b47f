import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { around } from './check-text.ts';

/** `around` the first occurrence of `match` in `text`. */
const aroundMatch = (text: string, match: string, margin: number) =>
  around(text, text.indexOf(match), match.length, margin);

describe('around', () => {
  const kbis = [
    'IDENTIFICATION DE LA PERSONNE MORALE',
    'Immatriculation au RCS, numéro : 814 937 264 R.C.S. NANTES',
    'Dénomination : ÉDITIONS DU LAVOIR SAS',
  ].join('\n');

  it('widens the margin to whole words and stays on the match’s line', () => {
    assert.equal(aroundMatch(kbis, '814 937 264', 10), 'RCS, numéro : 814 937 264 R.C.S. NANTES');
    // Before, ten characters each side gave « NE MORALE\nImmatriculation … R.C.S. NA ».
    assert.equal(
      aroundMatch(kbis, 'Immatriculation au RCS, numéro : 814 937 264', 10),
      'Immatriculation au RCS, numéro : 814 937 264 R.C.S. NANTES',
    );
  });

  it('keeps a match without margin as it is when it ends on words', () => {
    assert.equal(aroundMatch(kbis, 'ÉDITIONS DU LAVOIR', 0), 'ÉDITIONS DU LAVOIR');
    assert.equal(aroundMatch(kbis, 'IDENTIFICATION', 0), 'IDENTIFICATION');
  });

  it('completes a match that starts or ends inside a word', () => {
    assert.equal(aroundMatch(kbis, 'TIFICATION DE LA PERS', 0), 'IDENTIFICATION DE LA PERSONNE');
  });

  it('leaves out a word too long to be one (OCR noise) instead of cutting it', () => {
    const text = `${'a'.repeat(50)} 123 ${'b'.repeat(50)}`;
    assert.equal(aroundMatch(text, '123', 10), '123');
  });
});
