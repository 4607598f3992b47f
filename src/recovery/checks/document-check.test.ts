import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt, MAX_EVIDENCE_CHARS } from './document-check.ts';

describe('excerpt', () => {
  it('keeps the line breaks (an MRZ’s lines, « lu : … corrigé : … »), squeezes spaces and drops blank lines', () => {
    const mrz = ['IDFRAPETITJEAN<<<<<<<<<<<<<<<<<<<<<<<', '8806923102858CHLOE<<<<<<<7904174F6'];
    const text = `  lu :\r\n\t${mrz[0]}  \n\n${mrz[1]}\ncorrigé :   \n ${mrz[0]}\f${mrz[1]} `;
    assert.equal(excerpt(text), `lu :\n${mrz[0]}\n${mrz[1]}\ncorrigé :\n${mrz[0]}\n${mrz[1]}`);
    assert.equal(excerpt('Dénomination :   ÉDITIONS\u00a0DU LAVOIR'), 'Dénomination : ÉDITIONS DU LAVOIR');
    assert.equal(excerpt(null), null);
  });

  it('keeps a text of exactly the bound whole', () => {
    const text = `${'a'.repeat(MAX_EVIDENCE_CHARS - 7)} NANTES`;
    assert.equal(excerpt(text), text);
  });

  it('cuts a longer text after a whole word, never inside one, within the bound', () => {
    // « R.C.S. NANTES » straddles the bound: the old cut gave « … R.C.S. NA… ».
    const text = `${'IDENTIFICATION DE LA PERSONNE MORALE\n'.repeat(6)}Extrait Kbis du greffe\nImmatriculation au RCS, numéro 814 937 264 R.C.S. NANTES\nDénomination : ÉDITIONS DU LAVOIR SAS`;
    const nantes = text.indexOf('NANTES');
    assert.ok(
      nantes < MAX_EVIDENCE_CHARS - 2 && MAX_EVIDENCE_CHARS < nantes + 6,
      'the bound falls inside NANTES',
    );
    const cut = excerpt(text) ?? '';
    assert.ok(cut.length <= MAX_EVIDENCE_CHARS, `${cut.length} characters`);
    assert.match(cut, /\nImmatriculation au RCS, numéro 814 937 264 R\.C\.S\. …$/);
    assert.ok(text.startsWith(`${cut.slice(0, -' …'.length)} `), 'a prefix of the text, up to a space');
  });

  it('cuts at a line break too', () => {
    const line = `${'mot '.repeat(73)}fin`; // 295 characters
    const cut = excerpt(`${line}\nsuite de la page`) ?? '';
    assert.equal(cut, `${line} …`);
  });

  it('cuts one long token (OCR noise) at the bound rather than dropping it', () => {
    const cut = excerpt(`lu : ${'<'.repeat(400)}`) ?? '';
    assert.equal(cut.length, MAX_EVIDENCE_CHARS);
    assert.match(cut, /^lu : <+ …$/);
  });
});
