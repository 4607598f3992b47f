import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCoherence } from './coherence-checks.ts';
import type { CheckResult } from './document-check.ts';
import { checkKbis } from './kbis-checks.ts';
import { checkLetter } from './letter-checks.ts';
import { checkStatutes, findAssociationNames } from './statutes-checks.ts';

const today = new Date('2026-11-24T10:00:00Z');
const outcomes = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.check, r.outcome]));

export const goodKbis = [
  'Greffe du Tribunal de Commerce de Lyon',
  'Extrait Kbis — Code de vérification : AbCdEf1234',
  'Extrait d’immatriculation principale au registre du commerce et des sociétés à jour au 12/10/2026',
  'IDENTIFICATION DE LA PERSONNE MORALE',
  'Immatriculation au RCS, numéro 732 829 320 R.C.S. Lyon',
  'Dénomination : ATELIER MOREL',
  'Forme juridique : Société à responsabilité limitée',
].join('\n');
const fiche = { siren: '732829320', legalName: 'Atelier Morel SARL' };

describe('checkKbis', () => {
  it('passes a recent extract naming the fiche’s SIREN and name (legal form aside)', () => {
    const results = checkKbis({ documentId: 'k', text: goodKbis, fiche, today });
    assert.deepEqual(outcomes(results), {
      kbis_siren_matches: 'pass',
      kbis_name_matches: 'pass',
      kbis_recent: 'pass',
    });
    assert.equal(results[0]?.evidence.found, '732829320');
    assert.equal(results[2]?.evidence.found, '12/10/2026');
    // What was read is whole words of the SIREN's line, not « NE MORALE … R.C.S. Ly ».
    assert.equal(results[0]?.evidence.read, 'Immatriculation au RCS, numéro 732 829 320 R.C.S. Lyon');
  });

  it('reads « RCS Lyon 812 … » and French month names', () => {
    const text = 'RCS Lyon 732 829 320\nRaison sociale : Atelier Morel\nDélivré le 1er novembre 2026';
    assert.deepEqual(outcomes(checkKbis({ documentId: 'k', text, fiche, today })), {
      kbis_siren_matches: 'pass',
      kbis_name_matches: 'pass',
      kbis_recent: 'pass',
    });
  });

  it('flags an extract older than 3 months', () => {
    const text = goodKbis.replace('12/10/2026', '12/07/2026');
    const recent = checkKbis({ documentId: 'k', text, fiche, today })[2];
    assert.equal(recent?.outcome, 'fail');
    assert.equal(recent?.evidence.found, '12/07/2026');
  });

  it('flags a SIREN that differs from the fiche, and one whose Luhn key is wrong', () => {
    const other = checkKbis({
      documentId: 'k',
      text: goodKbis.replace('732 829 320', '552 100 554'),
      fiche,
      today,
    });
    assert.equal(other[0]?.outcome, 'fail');
    const broken = checkKbis({
      documentId: 'k',
      text: goodKbis.replace('732 829 320', '732 829 321'),
      fiche,
      today,
    });
    assert.equal(broken[0]?.outcome, 'fail');
    assert.match(broken[0]?.evidence.reason ?? '', /clé/);
  });

  it('accepts La Poste’s SIREN, which does not follow Luhn', () => {
    const text = goodKbis.replace('732 829 320', '356 000 000');
    const [siren] = checkKbis({ documentId: 'k', text, fiche: { ...fiche, siren: '356000000' }, today });
    assert.equal(siren?.outcome, 'pass');
  });

  it('flags another company name and an extract without a date', () => {
    const text = goodKbis.replace('ATELIER MOREL', 'MENUISERIE DURAND').replace(/à jour au .*/, '');
    const results = outcomes(checkKbis({ documentId: 'k', text, fiche, today }));
    assert.equal(results.kbis_name_matches, 'fail');
    assert.equal(results.kbis_recent, 'fail');
  });

  it('reads the name after « Dénomination ou raison sociale », never the nom commercial', () => {
    const text = goodKbis.replace(
      'Dénomination : ATELIER MOREL',
      'Nom commercial : MOREL BOIS\nDénomination ou raison sociale : ATELIER MOREL',
    );
    const name = checkKbis({ documentId: 'k', text, fiche, today })[1];
    assert.equal(name?.outcome, 'pass');
    assert.equal(name?.evidence.found, 'ATELIER MOREL');
    const commercialOnly = goodKbis.replace('Dénomination : ATELIER MOREL', 'Nom commercial : ATELIER MOREL');
    assert.equal(checkKbis({ documentId: 'k', text: commercialOnly, fiche, today })[1]?.outcome, 'fail');
  });

  it('reads a name printed in a column beside or under its label', () => {
    const under = goodKbis.replace('Dénomination : ATELIER MOREL', 'Dénomination sociale\nATELIER MOREL');
    assert.equal(checkKbis({ documentId: 'k', text: under, fiche, today })[1]?.outcome, 'pass');
    const beside = goodKbis.replace(
      'Dénomination : ATELIER MOREL',
      'Dénomination : ATELIER MOREL      Capital : 1 000 €',
    );
    assert.equal(checkKbis({ documentId: 'k', text: beside, fiche, today })[1]?.outcome, 'pass');
  });

  it('does not run the comparisons when the fiche gives nothing to compare', () => {
    const results = checkKbis({
      documentId: 'k',
      text: goodKbis,
      fiche: { siren: null, legalName: null },
      today,
    });
    assert.equal(results[0]?.outcome, 'not_run');
    assert.equal(results[1]?.outcome, 'not_run');
  });
});

export const goodStatutes = [
  'STATUTS DE L’ASSOCIATION',
  'Article 1 — Il est fondé entre les adhérents une association ayant pour titre : « Les Amis du Canal ».',
  'Article 8 — Bureau. Présidente : Mme Sophie Bernard, Trésorier : Marc Petit.',
  'Statuts mis à jour le 15 mars 2025 par l’assemblée générale extraordinaire.',
].join('\n');
const sophie = { firstName: 'Sophie', lastName: 'Bernard' };

describe('checkStatutes', () => {
  const run = (text: string, presidents = [sophie]) =>
    outcomes(
      checkStatutes({ documentId: 's', text, association: { name: 'Les Amis du Canal' }, presidents, today }),
    );

  it('passes recent statutes naming the association and its president', () => {
    assert.deepEqual(run(goodStatutes), {
      statutes_name_matches: 'pass',
      statutes_president_matches: 'pass',
      statutes_recent: 'pass',
    });
  });

  it('reads « présidée par » and tolerates accents, case and word order', () => {
    const text = goodStatutes.replace(
      'Présidente : Mme Sophie Bernard',
      'L’association est présidée par BERNARD Sophie',
    );
    assert.equal(run(text).statutes_president_matches, 'pass');
  });

  it('flags another president, never a vice-president', () => {
    assert.equal(
      run(goodStatutes.replace('Sophie Bernard', 'Paul Durand')).statutes_president_matches,
      'fail',
    );
    const vice = 'Vice-président : Sophie Bernard\nMis à jour le 15/03/2025';
    assert.equal(run(vice).statutes_president_matches, 'fail');
  });

  it('flags old statutes and says the threshold', () => {
    const [, , recent] = checkStatutes({
      documentId: 's',
      text: goodStatutes.replace('15 mars 2025', '15 mars 2019'),
      association: { name: 'Les Amis du Canal' },
      presidents: [sophie],
      today,
    });
    assert.equal(recent?.outcome, 'fail');
    assert.match(recent?.evidence.reason ?? '', /anciens.*3 ans/);
  });

  it('reads the name from the heading and from « ayant pour titre », not from « Constitution et dénomination »', () => {
    const text = [
      'STATUTS',
      'Association « Comité des fêtes de la Vallée »',
      'Article 1 — Constitution et dénomination',
      'Il est fondé entre les adhérents une association régie par la loi du',
      '1er juillet 1901, ayant pour titre : Comité des fêtes de la Vallée.',
      'Le président : Théo Gauthier-Brès',
      'Fait à Rennes, le 14 mai 2026',
    ].join('\n');
    const results = checkStatutes({
      documentId: 's',
      text,
      association: { name: 'Comite des fetes de la Vallee' },
      presidents: [{ firstName: 'Théo Noël', lastName: 'Gauthier-Brès' }],
      today,
    });
    assert.deepEqual(outcomes(results), {
      statutes_name_matches: 'pass',
      statutes_president_matches: 'pass',
      statutes_recent: 'pass',
    });
    assert.equal(
      findAssociationNames(text.replace('ayant pour titre : Comité des fêtes de la Vallée.', '')).length,
      1,
    );
  });

  it('reads « STATUTS DE L’ASSOCIATION X » and « dénommée X », never « ci-après dénommée « l’Association » »', () => {
    const text = [
      'STATUTS DE L’ASSOCIATION LES AMIS DU CANAL',
      'Il est fondé une association dénommée « Les Amis du Canal », ci-après dénommée « l’Association ».',
    ].join('\n');
    assert.deepEqual(
      findAssociationNames(text).map((f) => f.name),
      ['LES AMIS DU CANAL', 'Les Amis du Canal'],
    );
    assert.equal(run(`${text}\nPrésidente : Sophie Bernard`).statutes_name_matches, 'pass');
  });

  it('matches a president by surname and first given name only, never by another given name', () => {
    const theo = { firstName: 'Théo Noël', lastName: 'Gauthier-Brès' };
    const president = (name: string) => run(`Le président : ${name}\nMis à jour le 15/03/2025`, [theo]);
    assert.equal(president('Théo Gauthier-Brès').statutes_president_matches, 'pass');
    assert.equal(president('GAUTHIER-BRES Théo Noël').statutes_president_matches, 'pass');
    assert.equal(president('Noël Gauthier-Brès').statutes_president_matches, 'fail');
    assert.equal(president('Théo Paul Gauthier-Brès').statutes_president_matches, 'fail');
    assert.equal(president('Théo Gauthier').statutes_president_matches, 'fail');
  });

  it('flags another association name', () => {
    assert.equal(
      run(goodStatutes.replace('Les Amis du Canal', 'Les Amis du Port')).statutes_name_matches,
      'fail',
    );
  });
});

describe('checkLetter', () => {
  const letter =
    'Madame, Monsieur, je soussignée Jeanne Lefèvre demande que la nouvelle adresse de mon compte soit ' +
    'jeanne.lefevre @ exemple.fr à la place de l’ancienne que je ne peux plus utiliser. Veuillez agréer mes salutations distinguées.';

  it('passes when the new address appears, OCR spaces and case aside', () => {
    const result = checkLetter({ documentId: 'l', text: letter, newEmail: 'Jeanne.Lefevre@exemple.fr' });
    assert.equal(result.outcome, 'pass');
  });

  it('fails when a readable letter gives another address', () => {
    const result = checkLetter({ documentId: 'l', text: letter, newEmail: 'autre@exemple.fr' });
    assert.equal(result.outcome, 'fail');
  });

  it('passes an address read with l/1 or o/0 confused, and says so; any other letter still differs', () => {
    // Seen on the corpus: jerome.dalmeida12@courriel.net read jerome.dalmeidal2@courriel.net.
    const read = letter.replace('jeanne.lefevre @ exemple.fr', 'jeanne.lefevrel2 @ exemp1e.fr');
    const result = checkLetter({ documentId: 'l', text: read, newEmail: 'jeanne.lefevre12@exemple.fr' });
    assert.equal(result.outcome, 'pass');
    assert.equal(result.evidence.found, 'jeanne.lefevre12@exemple.fr (lu avec l/1 ou o/0 confondus)');
    const other = checkLetter({ documentId: 'l', text: read, newEmail: 'jeanne.lefevre13@exemple.fr' });
    assert.equal(other.outcome, 'fail');
  });

  it('does not run on unreadable handwriting, and says so', () => {
    const result = checkLetter({ documentId: 'l', text: 'J~ ,, l3 %% ae', newEmail: 'autre@exemple.fr' });
    assert.equal(result.outcome, 'not_run');
    assert.match(result.evidence.reason ?? '', /manuscrite/);
  });
});

describe('checkCoherence', () => {
  const reference = { firstName: 'Jeanne', lastName: 'Lefèvre-Dupont' };
  it('passes when every piece names the same person (MRZ given names, accents, hyphens aside)', () => {
    const result = checkCoherence({
      reference,
      pieces: [
        { source: 'identity_document', documentId: 'i', name: 'JEANNE MARIE LEFEVRE DUPONT' },
        { source: 'claimant', documentId: null, name: 'jeanne lefevre dupont' },
      ],
    });
    assert.equal(result.outcome, 'pass');
  });

  it('fails when a piece names someone else, and says which', () => {
    const result = checkCoherence({
      reference,
      pieces: [
        { source: 'identity_document', documentId: 'i', name: 'PAUL LEFEVRE DUPONT' },
        { source: 'claimant', documentId: null, name: 'Jeanne Lefèvre-Dupont' },
      ],
    });
    assert.equal(result.outcome, 'fail');
    assert.match(result.evidence.found ?? '', /pièce d’identité : PAUL/);
  });

  it('does not run with a single name', () => {
    const pieces = [{ source: 'claimant' as const, documentId: null, name: 'Jeanne Lefèvre-Dupont' }];
    assert.equal(checkCoherence({ reference, pieces }).outcome, 'not_run');
  });
});
