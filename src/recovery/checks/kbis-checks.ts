import { isValidSiren } from '../../accounts/account.ts';
import { comparableName } from '../person-names.ts';
import { around, findLabelledDates, foldText, formatDate, monthsBefore } from './check-text.ts';
import { type CheckResult, excerpt } from './document-check.ts';

/** Kbis extract: its SIREN and name are the fiche's, and it is at most 3 months old. */

export const KBIS_MAX_AGE_MONTHS = 3;

/** Legal forms a name may carry or not: « Atelier Morel SARL » is « Atelier Morel ». */
const legalForms = new Set([
  'sarl',
  'sas',
  'sasu',
  'sa',
  'eurl',
  'snc',
  'sci',
  'scop',
  'scs',
  'sca',
  'selarl',
  'selas',
  'sarlu',
  'ei',
  'eirl',
  'societe',
]);

/** A company name without its legal form (« S.A.R.L. » too), comparable. */
export function comparableCompanyName(name: string): string {
  return comparableName(name.replace(/\b(?:[A-Za-z]\.){2,}/g, (m) => m.replace(/\./g, '')))
    .split(' ')
    .filter((word) => word && !legalForms.has(word))
    .join(' ');
}

// Labels before the SIREN: « SIREN : », « RCS Lyon 812 345 676 », « Immatriculation au RCS, numéro ».
const SIREN_LABEL =
  /\b(?:siren|r\.?\s?c\.?\s?s\.?(?:\s+[a-z' -]{2,30}?)?|immatriculation[^\n\d]{0,40}|numero d'identification)\s*:?\s*(?:n[°o]\s*)?(\d{3}[ .\u00a0]?\d{3}[ .\u00a0]?\d{3})(?!\d)/g;
const ANY_NINE_DIGITS = /(?<!\d)(\d{3}[ .\u00a0]?\d{3}[ .\u00a0]?\d{3})(?![ .\u00a0]?\d)/g;

/** The SIREN the extract names: after a label if any, else the first valid 9-digit number. */
export function findKbisSiren(text: string): { siren: string; read: string } | null {
  const folded = foldText(text);
  const labelled = folded.matchAll(SIREN_LABEL).next().value;
  if (labelled?.[1]) {
    return {
      siren: labelled[1].replace(/\D/g, ''),
      read: around(text, labelled.index, labelled[0].length, 10),
    };
  }
  for (const match of folded.matchAll(ANY_NINE_DIGITS)) {
    const siren = (match[1] ?? '').replace(/\D/g, '');
    if (isValidSiren(siren)) return { siren, read: around(text, match.index, match[0].length, 20) };
  }
  return null;
}

// Labels of the legal name, longest first so « Dénomination ou raison sociale : X » does not read as
// « ou raison sociale : X ». « Nom commercial » and « Enseigne » are not the legal name, and neither
// is « Dénomination commerciale ».
const LEGAL_NAME_LABEL =
  /(?<![\p{L}])(?:denomination ou raison sociale|denomination sociale|raison sociale|denomination)(?![\p{L}])(?![ \t]+commerciale?)[ \t]*:?[ \t]*/gu;
// A second column on the same line (OCR of a two-column extract) starts after a tab or 3+ spaces.
const COLUMN_GAP = /\t| {3,}/;

/**
 * The legal name after its label: on the label's line, or on the next non-empty line when the
 * extract prints labels and values in columns that text extraction puts on separate lines.
 */
export function findKbisLegalName(text: string): { name: string; index: number; length: number } | null {
  const folded = foldText(text);
  for (const match of folded.matchAll(LEGAL_NAME_LABEL)) {
    const start = match.index + match[0].length;
    const lineEnd = text.indexOf('\n', start);
    let value = text.slice(start, lineEnd < 0 ? text.length : lineEnd);
    let end = lineEnd < 0 ? text.length : lineEnd;
    if (!value.trim() && lineEnd >= 0) {
      const next = /^\s*([^\n]*)/.exec(text.slice(lineEnd));
      value = next?.[1] ?? '';
      end = lineEnd + (next?.[0].length ?? 0);
    }
    const name = (value.split(COLUMN_GAP)[0] ?? '').trim();
    if (name) return { name, index: match.index, length: end - match.index };
  }
  return null;
}

const DATE_LABELS = [
  'a jour au',
  'mis a jour le',
  '(?:delivre|etabli|edite)e? le',
  'greffe[^\\n]{0,80}?\\ble',
  'extrait[^\\n]{0,80}?\\bdu',
];

function sirenCheck(documentId: string, text: string, expected: string | null): CheckResult {
  const rule = 'Le SIREN du Kbis (9 chiffres, clé de Luhn, exception La Poste) est celui de la fiche.';
  const base = { check: 'kbis_siren_matches', documentId } as const;
  if (!expected) {
    return {
      ...base,
      outcome: 'not_run',
      evidence: { rule, read: null, reason: 'Aucun SIREN attendu (fiche).' },
    };
  }
  const found = findKbisSiren(text);
  if (!found) {
    return {
      ...base,
      outcome: 'fail',
      evidence: { rule, read: excerpt(text), expected, found: null, reason: 'Aucun SIREN trouvé.' },
    };
  }
  const valid = isValidSiren(found.siren);
  return {
    ...base,
    outcome: valid && found.siren === expected ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(found.read),
      expected,
      found: found.siren,
      ...(valid ? {} : { reason: 'Le SIREN lu n’a pas une clé valide.' }),
    },
  };
}

function nameCheck(documentId: string, text: string, expected: string | null): CheckResult {
  const rule = 'La dénomination du Kbis est celle de la fiche (accents, casse et forme juridique ignorés).';
  const base = { check: 'kbis_name_matches', documentId } as const;
  if (!expected) {
    return {
      ...base,
      outcome: 'not_run',
      evidence: { rule, read: null, reason: 'Aucune dénomination attendue.' },
    };
  }
  const found = findKbisLegalName(text);
  const same = found !== null && comparableCompanyName(found.name) === comparableCompanyName(expected);
  return {
    ...base,
    outcome: same ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(found ? around(text, found.index, found.length, 0) : text),
      expected,
      found: found?.name ?? null,
      ...(found ? {} : { reason: 'Aucune dénomination trouvée.' }),
    },
  };
}

function recentCheck(documentId: string, text: string, today: Date): CheckResult {
  const rule = `L’extrait Kbis date de ${KBIS_MAX_AGE_MONTHS} mois au plus.`;
  const base = { check: 'kbis_recent', documentId } as const;
  const oldest = monthsBefore(today, KBIS_MAX_AGE_MONTHS);
  const [found] = findLabelledDates(text, DATE_LABELS);
  const expected = `entre le ${formatDate(oldest)} et le ${formatDate(today)}`;
  if (!found) {
    // A Kbis without a readable date is a doubt, not a pass.
    return {
      ...base,
      outcome: 'fail',
      evidence: {
        rule,
        read: excerpt(text),
        expected,
        found: null,
        reason: 'Aucune date d’extrait trouvée.',
      },
    };
  }
  const inRange = found.date >= oldest && found.date <= today;
  return {
    ...base,
    outcome: inRange ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(around(text, found.index, found.length, 0)),
      expected,
      found: formatDate(found.date),
      ...(found.date > today ? { reason: 'La date est dans le futur.' } : {}),
    },
  };
}

/** The three Kbis checks on the extract's text. `fiche` holds what the linked account (or the claimant) says. */
export function checkKbis(input: {
  documentId: string;
  text: string;
  fiche: { siren: string | null; legalName: string | null };
  today: Date;
}): CheckResult[] {
  return [
    sirenCheck(input.documentId, input.text, input.fiche.siren),
    nameCheck(input.documentId, input.text, input.fiche.legalName),
    recentCheck(input.documentId, input.text, input.today),
  ];
}
