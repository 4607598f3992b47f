import { personLabel, samePersonName } from './check-text.ts';
import { type CheckResult, excerpt, type PersonName } from './document-check.ts';

/** Across pieces: the identity document, the fiche (or the claimant) and the letter name one person. */

/** One source naming the person: where it comes from, and the document when it is one. */
export type NamedPiece = {
  source: 'identity_document' | 'fiche' | 'claimant' | 'letter';
  documentId: string | null;
  name: string;
};

const sourceLabels: Record<NamedPiece['source'], string> = {
  identity_document: 'pièce d’identité',
  fiche: 'fiche',
  claimant: 'demandeur',
  letter: 'signature du courrier',
};

/**
 * `pieces_same_person`: every named piece names the `reference` person (accents, case, hyphens
 * and word order aside). not_run with fewer than two pieces to compare: one name proves nothing.
 */
export function checkCoherence(input: { reference: PersonName; pieces: readonly NamedPiece[] }): CheckResult {
  const rule =
    'La même personne figure sur la pièce d’identité, la fiche (ou la demande) et la signature du courrier quand elle est lisible.';
  const expected = personLabel(input.reference);
  const read = excerpt(input.pieces.map((p) => `${sourceLabels[p.source]} : ${p.name}`).join(' ; '));
  const base = { check: 'pieces_same_person', documentId: null } as const;
  if (input.pieces.length < 2) {
    return {
      ...base,
      outcome: 'not_run',
      evidence: { rule, read, expected, reason: 'Moins de deux pièces nomment une personne.' },
    };
  }
  const different = input.pieces.filter((p) => !samePersonName(p.name, input.reference));
  return {
    ...base,
    outcome: different.length === 0 ? 'pass' : 'fail',
    evidence: {
      rule,
      read,
      expected,
      found: different.length
        ? different.map((p) => `${sourceLabels[p.source]} : ${p.name}`).join(' ; ')
        : expected,
    },
  };
}
