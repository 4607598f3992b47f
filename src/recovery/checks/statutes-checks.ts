import { comparableName } from '../person-names.ts';
import {
  around,
  findLabelledDates,
  foldText,
  formatDate,
  personLabel,
  sameSurnameAndFirstGivenName,
} from './check-text.ts';
import { type CheckResult, excerpt, type PersonName } from './document-check.ts';

/** Association statutes: the association's name, its president, and a date that is not too old. */

/** Statutes older than this « look old »: the president may have changed since. */
export const STATUTES_MAX_AGE_YEARS = 3;

// Dates of adoption, update or general meeting; « Fait à Lyon, le … » too.
const DATE_LABELS = [
  'adoptes? (?:le|en date du)',
  'mis a jour le',
  'modifies? (?:le|en date du)',
  'assemblee generale(?: constitutive| extraordinaire| ordinaire)?(?: du| le| en date du|,? reunie le)',
  'fait a [^\\n,]{1,40},? le',
];
// « Président : », « Présidente : », « Président(e) : » — never « Vice-président ».
const PRESIDENT_LABELS = ['(?<![\\p{L}-])president(?:e|\\(e\\))?\\s*:', 'presidee? par'];

/** Quotes and the word « association » around a name do not change it. */
function comparableAssociationName(name: string): string {
  return comparableName(name.replace(/[«»"“”‹›]/g, ' '))
    .replace(/^association\s+/, '')
    .trim();
}

// Where statutes name the association, on folded text. The naming clause of Article 1 (« ayant pour
// titre : X », « dénommée X », « Dénomination : X ») — never « ci-après dénommée « l’Association » » —,
// then the heading (« STATUTS DE L’ASSOCIATION X », « Association « X » »).
const NAME_PLACES = [
  /(?<![\p{L}])(?:ayant|a) pour (?:titre|nom|denomination)[ \t]*:?[ \t]*/gu,
  /(?<![\p{L}])(?:sous le nom de|nom de l['’]association[ \t]*:)[ \t]*/gu,
  /(?<!ci-apres |\p{L})denommee?[ \t]*:?[ \t]*/gu,
  /(?<![\p{L}])denomination[ \t]*:[ \t]*/gu,
  /^[ \t]*statuts? de l['’]association[ \t]*:?[ \t]*(?=\S)/gmu,
  /^[ \t]*association[ \t]+(?=[«"“‹])/gmu,
];
const QUOTED = /^[«"“‹][ \t]*([^«»"“”‹›\n]+?)[ \t]*[»"”›]/u;
// Unquoted, the name ends with its phrase: a full stop before a blank, a comma, a semicolon, the line.
const UNQUOTED = /^([^\n,;]+?)(?:\.(?=\s|$)|[,;]|\n|$)/u;

/** Every place the statutes name the association, in text order, with the name read there. */
export function findAssociationNames(text: string): { name: string; index: number; length: number }[] {
  const folded = foldText(text);
  const found: { name: string; index: number; length: number }[] = [];
  for (const place of NAME_PLACES) {
    for (const match of folded.matchAll(place)) {
      const start = match.index + match[0].length;
      const value = QUOTED.exec(text.slice(start)) ?? UNQUOTED.exec(text.slice(start));
      const name = value?.[1]?.trim();
      // « l’Association » (a clause naming the document's own shorthand) is no name.
      if (!value || !name || comparableAssociationName(name) === '' || /^l['’]association$/i.test(name))
        continue;
      found.push({ name, index: match.index, length: match[0].length + value[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function nameCheck(documentId: string, text: string, expected: string | null): CheckResult {
  const rule = 'Le nom de l’association dans les statuts est celui de la fiche (accents et casse ignorés).';
  const base = { check: 'statutes_name_matches', documentId } as const;
  if (!expected) {
    return { ...base, outcome: 'not_run', evidence: { rule, read: null, reason: 'Aucun nom attendu.' } };
  }
  // Any place naming the fiche's association passes: a heading can wrap where Article 1 does not.
  const found = findAssociationNames(text);
  const wanted = comparableAssociationName(expected);
  const match = found.find((f) => comparableAssociationName(f.name) === wanted);
  const shown = match ?? found[0];
  return {
    ...base,
    outcome: match ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(shown ? around(text, shown.index, shown.length, 0) : text),
      expected,
      found: shown?.name ?? null,
      ...(shown ? {} : { reason: 'Aucun nom d’association trouvé.' }),
    },
  };
}

/** The president's name as written after the label, up to the end of the phrase. */
export function findStatutesPresident(text: string): { name: string; read: string } | null {
  const folded = foldText(text);
  for (const label of PRESIDENT_LABELS) {
    const match = new RegExp(
      `(?:${label})[ \\t]*((?:(?:m|mme|mlle|mr|dr)\\.[ \\t]*)?[^\\n,;.()]+)`,
      'u',
    ).exec(folded);
    const group = match?.[1];
    if (!match || !group) continue;
    const start = match.index + match[0].length - group.length;
    // A civility's dot (« M. Paul Durand ») is not the end of the phrase; any other dot is.
    const name = text
      .slice(start, start + group.length)
      .replace(/^(?:m|mme|mlle|mr|dr)\.?\s+/i, '')
      .trim();
    if (name) return { name, read: around(text, match.index, match[0].length, 0) };
  }
  return null;
}

function presidentCheck(documentId: string, text: string, presidents: readonly PersonName[]): CheckResult {
  const rule = 'Le président nommé par les statuts est la personne de la pièce d’identité ou de la fiche.';
  const base = { check: 'statutes_president_matches', documentId } as const;
  const expected = presidents.map(personLabel).filter(Boolean).join(' / ') || null;
  if (!expected) {
    return {
      ...base,
      outcome: 'not_run',
      evidence: { rule, read: null, reason: 'Aucune personne attendue.' },
    };
  }
  const found = findStatutesPresident(text);
  const same =
    found !== null && presidents.some((person) => sameSurnameAndFirstGivenName(found.name, person));
  return {
    ...base,
    outcome: same ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(found?.read ?? text),
      expected,
      found: found?.name ?? null,
      ...(found ? {} : { reason: 'Aucun président trouvé dans les statuts.' }),
    },
  };
}

function recentCheck(documentId: string, text: string, today: Date): CheckResult {
  const rule = `Les statuts (adoption, mise à jour ou assemblée générale) datent de ${STATUTES_MAX_AGE_YEARS} ans au plus.`;
  const base = { check: 'statutes_recent', documentId } as const;
  const oldest = new Date(
    Date.UTC(today.getUTCFullYear() - STATUTES_MAX_AGE_YEARS, today.getUTCMonth(), today.getUTCDate()),
  );
  const expected = `après le ${formatDate(oldest)}`;
  // The latest date counts: statutes updated last year are recent even if first adopted long ago.
  const dates = findLabelledDates(text, DATE_LABELS).filter((d) => d.date <= today);
  const latest = dates.reduce<(typeof dates)[number] | null>((a, b) => (a && a.date >= b.date ? a : b), null);
  if (!latest) {
    return {
      ...base,
      outcome: 'fail',
      evidence: {
        rule,
        read: excerpt(text),
        expected,
        found: null,
        reason: 'Aucune date trouvée dans les statuts.',
      },
    };
  }
  const recent = latest.date >= oldest;
  return {
    ...base,
    outcome: recent ? 'pass' : 'fail',
    evidence: {
      rule,
      read: excerpt(around(text, latest.index, latest.length, 0)),
      expected,
      found: formatDate(latest.date),
      ...(recent ? {} : { reason: `Les statuts semblent anciens (plus de ${STATUTES_MAX_AGE_YEARS} ans).` }),
    },
  };
}

/**
 * The three statutes checks. `presidents`: the people the president may be (identity document
 * names, the claimant, the fiche person); a match with any of them passes.
 */
export function checkStatutes(input: {
  documentId: string;
  text: string;
  association: { name: string | null };
  presidents: readonly PersonName[];
  today: Date;
}): CheckResult[] {
  return [
    nameCheck(input.documentId, input.text, input.association.name),
    presidentCheck(input.documentId, input.text, input.presidents),
    recentCheck(input.documentId, input.text, input.today),
  ];
}
