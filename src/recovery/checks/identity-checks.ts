import { comparableName } from '../person-names.ts';
import { formatDate } from './check-text.ts';
import type { CheckResult, DocumentCheckName, PersonName } from './document-check.ts';
import { excerpt } from './document-check.ts';
import { findMrz, frenchCardExpiry, type MrzReading, mrzExpiryDate, readMrz, toIsoDate } from './mrz.ts';

/**
 * Identity-document checks on the MRZ: found, check digits, not expired, name matches the expected
 * person. The MRZ is looked for on every side sent (the 2021 card prints it on the back only).
 */

/** One side of the identity document: its OCR text and, when run, the dedicated MRZ OCR pass. */
export type IdentityDocumentText = { documentId: string; text: string | null; mrzText?: string | null };

export type IdentityCheckInput = {
  texts: IdentityDocumentText[];
  expectedPeople: PersonName[];
  today: Date;
};

function notRun(
  check: DocumentCheckName,
  documentId: string | null,
  rule: string,
  reason: string,
): CheckResult {
  return { check, documentId, outcome: 'not_run', evidence: { rule, read: null, reason } };
}

const RULES = {
  found: 'Le document d’identité doit porter une zone de lecture automatique (MRZ) lisible.',
  digits:
    'Les chiffres de contrôle de la MRZ (numéro, naissance, expiration, composite) doivent être justes.',
  expiry: 'Le document d’identité ne doit pas être expiré à la date de la vérification.',
  name: 'Le nom et au moins le premier prénom de la MRZ doivent être ceux de la personne attendue.',
} as const;

/** Squashed for comparison: MRZ drops accents, apostrophes and hyphens (`<`), and spells Œ as OE. */
function squash(name: string): string {
  return comparableName(name.replace(/[œŒ]/g, 'oe').replace(/[æÆ]/g, 'ae').replace(/ß/g, 'ss')).replace(
    / /g,
    '',
  );
}

/** German umlauts have two ICAO spellings (Ü → UE or U); both are accepted. */
function spellings(name: string): string[] {
  const umlauts = name.replace(/[äÄ]/g, 'ae').replace(/[öÖ]/g, 'oe').replace(/[üÜ]/g, 'ue');
  return [...new Set([squash(name), squash(umlauts)])];
}

function surnameMatches(expected: string, reading: MrzReading): boolean {
  const found = squash(reading.lastName ?? '');
  if (!found) return false;
  return spellings(expected).some(
    (s) => s === found || (reading.lastNameMayBeTruncated && s.length > found.length && s.startsWith(found)),
  );
}

/** The first expected given name must be the MRZ's first given name(s), ending on a name boundary. */
function firstGivenNameMatches(expected: string, reading: MrzReading): boolean {
  const firstGiven = expected.trim().split(/\s+/)[0] ?? '';
  const tokens = (reading.givenNames ?? '').split(' ').map(squash).filter(Boolean);
  if (!firstGiven || tokens.length === 0) return false;
  const prefixes = tokens.map((_, i) => tokens.slice(0, i + 1).join(''));
  const all = tokens.join('');
  return spellings(firstGiven).some(
    (s) =>
      prefixes.includes(s) ||
      (reading.givenNamesMayBeTruncated && s.length > all.length && s.startsWith(all)),
  );
}

/**
 * The MRZ as OCR read it and, when the position-based repair changed it, the repaired lines: the
 * agent sees both, so a repair is never silent.
 */
function mrzEvidence(reading: MrzReading): string {
  const asRead = reading.linesAsRead.join('\n');
  const repaired = reading.lines.join('\n');
  return asRead === repaired ? asRead : `lu :\n${asRead}\ncorrigé :\n${repaired}`;
}

function expiryResult(reading: MrzReading, documentId: string, today: Date): CheckResult {
  const read = mrzEvidence(reading);
  if (reading.format === 'FRENCH_NATIONAL_ID') {
    const card = frenchCardExpiry(reading.issueDate, reading.birthDate, today);
    if (!card)
      return notRun('identity_not_expired', documentId, RULES.expiry, 'date de délivrance illisible');
    return {
      check: 'identity_not_expired',
      documentId,
      outcome: card.expiry > today ? 'pass' : 'fail',
      evidence: {
        rule: `${RULES.expiry} Carte de 1988 : pas de date d'expiration dans la MRZ ; délivrée le ${card.issueMonth} (mois), valable ${card.years} ans.`,
        read,
        expected: `après le ${formatDate(today)}`,
        found: `expire vers le ${formatDate(card.expiry)} (calculé)`,
      },
    };
  }
  const expiry = mrzExpiryDate(reading.expiryDate, today);
  if (!expiry) return notRun('identity_not_expired', documentId, RULES.expiry, 'date d’expiration illisible');
  return {
    check: 'identity_not_expired',
    documentId,
    // A document expiring today is still valid today.
    outcome: toIsoDate(expiry) >= toIsoDate(today) ? 'pass' : 'fail',
    evidence: {
      rule: RULES.expiry,
      read,
      expected: `au moins le ${formatDate(today)}`,
      found: formatDate(expiry),
    },
  };
}

// What OCR makes of the first filler `<` after the last name part (`CAMILLEX<<<`, `JEANS<<<`).
const TRAILING_FILLER_LOOKALIKE = /^(.{2,}) ?[CKLSX]$/;

/**
 * The reading with the letter OCR glued to the end of a field in place of its first filler `<`
 * removed: the given names' last part, and the 1988 card's surname (a field of its own). Null when
 * there is nothing to remove or the field may be truncated (no filler after it).
 */
function withoutTrailingLookalike(reading: MrzReading): MrzReading | null {
  const strip = (value: string | null, truncated: boolean) => {
    const m = !truncated && value ? TRAILING_FILLER_LOOKALIKE.exec(value) : null;
    return m?.[1] ? m[1].trim() : null;
  };
  const givenNames = strip(reading.givenNames, reading.givenNamesMayBeTruncated);
  const lastName =
    reading.format === 'FRENCH_NATIONAL_ID' ? strip(reading.lastName, reading.lastNameMayBeTruncated) : null;
  if (!givenNames && !lastName) return null;
  return { ...reading, givenNames: givenNames ?? reading.givenNames, lastName: lastName ?? reading.lastName };
}

function nameResult(reading: MrzReading, documentId: string, people: PersonName[]): CheckResult {
  if (people.length === 0)
    return notRun('identity_name_matches', documentId, RULES.name, 'aucune personne attendue');
  const matchesAnyone = (r: MrzReading) =>
    people.some((p) => surnameMatches(p.lastName, r) && firstGivenNameMatches(p.firstName, r));
  const stripped = matchesAnyone(reading) ? null : withoutTrailingLookalike(reading);
  const matchedStripped = stripped !== null && matchesAnyone(stripped);
  const foundName = (r: MrzReading) => `${r.givenNames ?? '?'} ${r.lastName ?? '?'}`;
  return {
    check: 'identity_name_matches',
    documentId,
    outcome: matchesAnyone(reading) || matchedStripped ? 'pass' : 'fail',
    evidence: {
      rule: RULES.name,
      read: mrzEvidence(reading),
      expected: people.map((p) => `${p.firstName} ${p.lastName}`.trim()).join(' / '),
      found:
        matchedStripped && stripped
          ? `${foundName(stripped)} (lu ${foundName(reading)} : dernière lettre prise pour un « < » de remplissage)`
          : foundName(reading),
    },
  };
}

function firstMrz(texts: IdentityDocumentText[]): { reading: MrzReading; documentId: string } | null {
  for (const side of texts) {
    // The dedicated MRZ pass first: its whitelist reads `<` runs better than the general pass.
    const found = findMrz(side.mrzText) ?? findMrz(side.text);
    if (found) return { reading: readMrz(found), documentId: side.documentId };
  }
  return null;
}

/** The four identity checks for one case's identity document (front and back sides together). */
export function checkIdentityDocument(input: IdentityCheckInput): CheckResult[] {
  const readSides = input.texts.filter((t) => t.text || t.mrzText);
  const anyId = input.texts[0]?.documentId ?? null;
  if (readSides.length === 0) {
    const reason = input.texts.length === 0 ? 'aucun document d’identité' : 'aucun texte lu sur le document';
    return [
      notRun('identity_mrz_found', anyId, RULES.found, reason),
      notRun('identity_mrz_check_digits', anyId, RULES.digits, reason),
      notRun('identity_not_expired', anyId, RULES.expiry, reason),
      notRun('identity_name_matches', anyId, RULES.name, reason),
    ];
  }
  const mrz = firstMrz(readSides);
  if (!mrz) {
    const reason = 'pas de MRZ trouvée';
    const read = excerpt(readSides.map((s) => s.text ?? s.mrzText ?? '').join(' '));
    return [
      {
        check: 'identity_mrz_found',
        documentId: readSides[0]?.documentId ?? anyId,
        outcome: 'fail',
        evidence: { rule: RULES.found, read, reason },
      },
      notRun('identity_mrz_check_digits', anyId, RULES.digits, reason),
      notRun('identity_not_expired', anyId, RULES.expiry, reason),
      notRun('identity_name_matches', anyId, RULES.name, reason),
    ];
  }
  const { reading, documentId } = mrz;
  const read = mrzEvidence(reading);
  const failedDigits = reading.checkDigits.filter((d) => !d.valid).map((d) => d.label);
  return [
    {
      check: 'identity_mrz_found',
      documentId,
      outcome: 'pass',
      evidence: { rule: RULES.found, read, found: reading.format },
    },
    {
      check: 'identity_mrz_check_digits',
      documentId,
      // Any refused field is a doubt: a bad check digit, but also an impossible date or state code.
      outcome: reading.valid && failedDigits.length === 0 ? 'pass' : 'fail',
      evidence: {
        rule: RULES.digits,
        read,
        expected: 'tous les champs valides',
        found: [
          reading.invalidFields.length === 0
            ? 'tous valides'
            : `invalides : ${reading.invalidFields.join(', ')}`,
          ...reading.corrections,
        ].join(' ; '),
      },
    },
    expiryResult(reading, documentId, input.today),
    nameResult(reading, documentId, input.expectedPeople),
  ];
}
