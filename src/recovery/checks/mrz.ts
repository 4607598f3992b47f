import { type Details, parse } from 'mrz';
import { correctMrzLines } from './mrz-correction.ts';
import type { FoundMrz, MrzFormat } from './mrz-formats.ts';

/**
 * The machine-readable zone (MRZ) of identity documents: locate its lines in OCR output, then parse
 * them with the `mrz` package (ICAO 9303 check digits, 7-3-1 weights). Formats we accept: the French
 * 1988 card (2×36), the 2021 French card and residence permits (TD1, 3×30), TD2 (2×36) and passports
 * (TD3, 2×44). OCR confusions are repaired by field position only (mrz-correction.ts); a character
 * that stays doubtful fails its check digits instead of being guessed.
 */

/** One check digit of the MRZ (document number, birth date, expiry, personal number, composite). */
export type MrzCheckDigit = { field: string; label: string; valid: boolean };

export type MrzReading = FoundMrz & {
  /** The lines as OCR read them; `lines` are the same after position-based repair. */
  linesAsRead: string[];
  /** What the repair changed or deliberately left as read (empty when nothing was doubtful). */
  corrections: string[];
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  /** Names as the MRZ writes them: upper case, no accents, `<` turned into spaces. */
  lastName: string | null;
  givenNames: string | null;
  /** True when a name filled its whole field: the real name may be longer (the MRZ truncates). */
  lastNameMayBeTruncated: boolean;
  givenNamesMayBeTruncated: boolean;
  /** Raw YYMMDD as read, even when its check digit fails (the evidence shows it). */
  birthDate: string | null;
  expiryDate: string | null;
  /** French 1988 card only: YYMM of issue (its MRZ has no expiry date). */
  issueDate: string | null;
  checkDigits: MrzCheckDigit[];
  /** Fields the parser refused (bad check digit, impossible date, unknown state code...). */
  invalidFields: string[];
  valid: boolean;
};

const LINE_LENGTHS = [30, 36, 44] as const;

/**
 * One OCR line reduced to MRZ characters: spaces dropped (OCR splits the filler runs), upper case,
 * and the chevron look-alikes OCR produces for `<`. Letters and digits are never swapped here: the
 * mrz parser's autocorrect stays off, so a misread digit fails its check instead of being guessed.
 */
function normalizeMrzLine(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[«‹〈<＜]/g, '<')
    .replace(/\s+/g, '');
}

/**
 * OCR often drops or adds one filler `<` at the end of a line. When a line ends with fillers and is
 * within two characters of an MRZ length, its trailing filler is adjusted; any other character
 * position stays as read, so the check digits still judge the content.
 */
function fitLineLength(line: string): string {
  if (!/^[A-Z0-9<]+$/.test(line)) return line;
  for (const length of LINE_LENGTHS) {
    const diff = line.length - length;
    if (diff === 0) return line;
    if (Math.abs(diff) > 2 || !line.endsWith('<')) continue;
    if (diff > 0 && line.slice(length).replace(/</g, '') === '') return line.slice(0, length);
    if (diff < 0) return line.padEnd(length, '<');
  }
  return line;
}

function formatOf(lines: string[]): MrzFormat | null {
  const [first] = lines;
  if (!first) return null;
  if (lines.length === 3 && lines.every((l) => l.length === 30)) return 'TD1';
  if (lines.length !== 2) return null;
  if (lines.every((l) => l.length === 44)) return 'TD3';
  if (lines.every((l) => l.length === 36)) return first.startsWith('IDFRA') ? 'FRENCH_NATIONAL_ID' : 'TD2';
  return null;
}

/** Locates the MRZ in OCR output: consecutive lines of one MRZ length, or null when none is there. */
export function findMrz(text: string | null | undefined): FoundMrz | null {
  if (!text) return null;
  const lines = text
    .split(/\r?\n/)
    .map((l) => fitLineLength(normalizeMrzLine(l)))
    .filter((l) => l.length > 0);
  const isMrzLine = (l: string | undefined, length: number) =>
    l !== undefined && l.length === length && /^[A-Z0-9<]+$/.test(l) && l.includes('<');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    // TD1 first: its three lines must not be read as a stray pair.
    const candidates = [lines.slice(i, i + 3), lines.slice(i, i + 2)];
    for (const group of candidates) {
      const length = line.length;
      if (!group.every((l) => isMrzLine(l, length))) continue;
      const format = formatOf(group);
      if (format) return { format, lines: group };
    }
  }
  return null;
}

/** The whole field as printed (the parser narrows `start`/`end` to the value; `ranges[0]` is the field). */
function fieldText(lines: string[], detail: Details | undefined): string {
  const range = detail?.ranges[0];
  return range ? (lines[range.line]?.slice(range.start, range.end) ?? '') : '';
}

function rawOf(lines: string[], detail: Details | undefined): string | null {
  return fieldText(lines, detail).replace(/<+$/, '') || null;
}

function nameOf(lines: string[], detail: Details | undefined): { name: string | null; full: boolean } {
  const raw = fieldText(lines, detail);
  const name = raw.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  return { name: name || null, full: raw.length > 0 && !raw.endsWith('<') };
}

/** TD1/TD2/TD3 write surname and given names in one field, split by `<<`. */
function splitIcaoName(lines: string[], detail: Details | undefined) {
  const raw = fieldText(lines, detail);
  const cut = raw.indexOf('<<');
  const surname = cut === -1 ? raw : raw.slice(0, cut);
  const given = cut === -1 ? '' : raw.slice(cut + 2);
  const clean = (s: string) => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim() || null;
  const full = raw.length > 0 && !raw.endsWith('<');
  return {
    lastName: clean(surname),
    givenNames: clean(given),
    lastTruncated: full && cut === -1,
    givenTruncated: full,
  };
}

/** Parses found MRZ lines; never throws (an unparseable MRZ is reported with every field invalid). */
export function readMrz(asRead: FoundMrz): MrzReading {
  const repaired = correctMrzLines(asRead);
  const found: FoundMrz = { format: asRead.format, lines: repaired.lines };
  const changes = {
    linesAsRead: asRead.lines,
    corrections: repaired.lines.some((l, i) => l !== asRead.lines[i])
      ? ['lignes corrigées selon la position des champs (OACI 9303)', ...repaired.notes]
      : repaired.notes,
  };
  let result: ReturnType<typeof parse>;
  try {
    result = parse(found.lines);
  } catch {
    return {
      ...found,
      ...changes,
      ...{ documentCode: null, issuingState: null, documentNumber: null, lastName: null, givenNames: null },
      ...{ lastNameMayBeTruncated: false, givenNamesMayBeTruncated: false },
      ...{ birthDate: null, expiryDate: null, issueDate: null, checkDigits: [], invalidFields: ['format'] },
      valid: false,
    };
  }
  const detail = (field: string) => result.details.find((d) => d.field === field);
  const names =
    found.format === 'FRENCH_NATIONAL_ID'
      ? (() => {
          const last = nameOf(found.lines, detail('lastName'));
          const given = nameOf(found.lines, detail('firstName'));
          return {
            lastName: last.name,
            givenNames: given.name,
            lastTruncated: last.full,
            givenTruncated: given.full,
          };
        })()
      : splitIcaoName(found.lines, detail('lastName') ?? detail('firstName'));
  const checkDigits = result.details
    .filter((d) => d.field?.endsWith('CheckDigit'))
    .map((d) => ({ field: d.field as string, label: d.label, valid: d.valid }));
  return {
    ...found,
    ...changes,
    documentCode: rawOf(found.lines, detail('documentCode')),
    issuingState: rawOf(found.lines, detail('issuingState')),
    documentNumber: result.documentNumber ?? rawOf(found.lines, detail('documentNumber')),
    lastName: names.lastName,
    givenNames: names.givenNames,
    lastNameMayBeTruncated: names.lastTruncated,
    givenNamesMayBeTruncated: names.givenTruncated,
    birthDate: rawOf(found.lines, detail('birthDate')),
    expiryDate: rawOf(found.lines, detail('expirationDate')),
    issueDate: found.format === 'FRENCH_NATIONAL_ID' ? rawOf(found.lines, detail('issueDate')) : null,
    checkDigits,
    invalidFields: result.details.filter((d) => !d.valid).map((d) => d.label),
    valid: result.valid,
  };
}

/** YYYY-MM-DD of a date, in UTC (MRZ dates have no time zone). */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utcDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Refuses 310231-style dates instead of letting Date roll them over into March.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * An MRZ expiry (YYMMDD) as a date. No document is valid 50 years ahead, so a year past that is in
 * the 1900s: an old « 99 » expiry must read as expired in 1999, never as valid until 2099.
 */
export function mrzExpiryDate(yymmdd: string | null, today: Date): Date | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const year = 2000 + yy > today.getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy;
  return utcDate(year, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
}

/** An MRZ birth date (YYMMDD): nobody is born in the future, so a year after today is in the 1900s. */
export function mrzBirthDate(yymmdd: string | null, today: Date): Date | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const year = 2000 + yy > today.getUTCFullYear() ? 1900 + yy : 2000 + yy;
  return utcDate(year, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
}

/**
 * The French 1988 card's MRZ has its issue month (YYMM), not an expiry. It is valid 10 years, 15
 * for cards issued to adults from 2004 on (issued 2004–2013: extended to 15 by the 2013 decree;
 * issued from 2014: 15 from the start). The issue day is unknown, so the expiry is counted from the
 * first day of the month (a doubt at most a month early), and a holder turning 18 in the issue month
 * counts as a minor (10 years).
 */
export function frenchCardExpiry(
  issueYymm: string | null,
  birthYymmdd: string | null,
  today: Date,
): { expiry: Date; issueMonth: string; years: 10 | 15 } | null {
  if (!issueYymm || !/^\d{4}$/.test(issueYymm)) return null;
  const yy = Number(issueYymm.slice(0, 2));
  const month = Number(issueYymm.slice(2, 4));
  const year = 2000 + yy > today.getUTCFullYear() ? 1900 + yy : 2000 + yy;
  const issued = utcDate(year, month, 1);
  if (!issued) return null;
  const birth = mrzBirthDate(birthYymmdd, today);
  const adultAtIssue =
    birth !== null && Date.UTC(birth.getUTCFullYear() + 18, birth.getUTCMonth(), 1) < issued.getTime();
  const years = adultAtIssue && year >= 2004 ? 15 : 10;
  const expiry = new Date(Date.UTC(year + years, month - 1, 1));
  return { expiry, issueMonth: `${year}-${issueYymm.slice(2, 4)}`, years };
}
