import { parse } from 'mrz';
import type { FoundMrz, MrzFormat } from './mrz.ts';

/**
 * Repairs OCR confusions in MRZ lines by position, as ICAO 9303 defines each field: a date or check
 * digit is numeric, a name or country code alphabetic, so O/0 or B/8 there has one reading only.
 * Alphanumeric document numbers are resolved by their check digits, never by altering a check digit:
 * a deliberately wrong check digit still fails.
 */

type FieldKind = 'numeric' | 'alpha' | 'name' | 'optional' | 'docnum';
type Field = { line: number; start: number; end: number; kind: FieldKind };

const f = (line: number, start: number, end: number, kind: FieldKind): Field => ({ line, start, end, kind });

// Check digits are numeric fields too; `<` stays `<` (an empty optional field's check digit).
const LAYOUTS: Record<MrzFormat, Field[]> = {
  TD1: [
    ...[f(0, 2, 5, 'alpha'), f(0, 5, 14, 'docnum'), f(0, 14, 15, 'numeric'), f(0, 15, 30, 'optional')],
    ...[f(1, 0, 7, 'numeric'), f(1, 8, 15, 'numeric'), f(1, 15, 18, 'alpha'), f(1, 18, 29, 'optional')],
    ...[f(1, 29, 30, 'numeric'), f(2, 0, 30, 'name')],
  ],
  TD2: [
    ...[f(0, 2, 5, 'alpha'), f(0, 5, 36, 'name'), f(1, 0, 9, 'docnum'), f(1, 9, 10, 'numeric')],
    ...[f(1, 10, 13, 'alpha'), f(1, 13, 20, 'numeric'), f(1, 21, 28, 'numeric'), f(1, 28, 35, 'optional')],
    f(1, 35, 36, 'numeric'),
  ],
  TD3: [
    ...[f(0, 2, 5, 'alpha'), f(0, 5, 44, 'name'), f(1, 0, 9, 'docnum'), f(1, 9, 10, 'numeric')],
    ...[f(1, 10, 13, 'alpha'), f(1, 13, 20, 'numeric'), f(1, 21, 28, 'numeric'), f(1, 28, 42, 'optional')],
    f(1, 42, 44, 'numeric'),
  ],
  // French 1988 card: the department (2A/2B in Corsica) is the only alphanumeric part of its number.
  FRENCH_NATIONAL_ID: [
    ...[f(0, 2, 5, 'alpha'), f(0, 5, 30, 'name'), f(0, 30, 33, 'docnum'), f(0, 33, 36, 'numeric')],
    ...[f(1, 0, 4, 'numeric'), f(1, 4, 7, 'docnum'), f(1, 7, 13, 'numeric'), f(1, 13, 27, 'name')],
    ...[f(1, 27, 34, 'numeric'), f(1, 35, 36, 'numeric')],
  ],
};

const TO_DIGIT: Record<string, string> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  B: '8',
  S: '5',
  Z: '2',
  G: '6',
};
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z', '6': 'G' };
/** Pairs OCR confuses in OCR-B; in a document number either reading is legal. */
const AMBIGUOUS: Record<string, string> = {
  O: '0',
  '0': 'O',
  B: '8',
  '8': 'B',
  I: '1',
  '1': 'I',
  S: '5',
  '5': 'S',
};
// What OCR makes of a `<` in a filler run.
const FILLER_LOOKALIKES = /^[CKLEX]+$/;
// More alternatives than this is noise, not a misread: the original is kept.
const MAX_AMBIGUOUS = 8;

export type MrzCorrection = {
  lines: string[];
  /** Human-readable notes on what was changed or left alone, for the evidence. */
  notes: string[];
};

const mapChars = (s: string, table: Record<string, string>) => [...s].map((c) => table[c] ?? c).join('');

/**
 * Filler runs: a group of `<` look-alikes between `<`s, after at least three `<` (a name never holds
 * `<<<`: its parts are split by `<` or `<<`) and followed only by fillers, is filler. An optional
 * field holding only fillers and look-alikes is empty.
 */
function repairFillers(field: string, kind: 'name' | 'optional'): string {
  if (kind === 'optional') {
    const letters = field.replace(/</g, '');
    if (letters && FILLER_LOOKALIKES.test(letters) && letters.length * 2 <= field.length)
      return '<'.repeat(field.length);
  }
  return field.replace(/<<<([A-Z<]*)$/, (tail) => {
    const groups = tail.split(/(<+)/);
    return groups.every((g) => g === '' || g.startsWith('<') || FILLER_LOOKALIKES.test(g))
      ? '<'.repeat(tail.length)
      : tail;
  });
}

function repairByKind(field: string, kind: FieldKind): string {
  if (kind === 'numeric') return mapChars(field, TO_DIGIT);
  if (kind === 'alpha') return mapChars(field, TO_LETTER);
  if (kind === 'name') return repairFillers(mapChars(field, TO_LETTER), 'name');
  if (kind === 'optional') return repairFillers(field, 'optional');
  return field;
}

const setSlice = (line: string, start: number, value: string) =>
  line.slice(0, start) + value + line.slice(start + value.length);

/** The check digits that judge a document-number field: its own and the composite. */
function checksHold(lines: string[], field: 'documentNumberCheckDigit' | 'compositeCheckDigit'): boolean {
  try {
    return parse(lines).details.some((d) => d.field === field && d.valid);
  } catch {
    return false;
  }
}

/** Every reading of the ambiguous characters of one docnum field (the original included). */
function readingsOf(lines: string[], field: Field): string[][] {
  const text = lines[field.line]?.slice(field.start, field.end) ?? '';
  const positions = [...text].flatMap((c, i) => (AMBIGUOUS[c] ? [i] : []));
  if (positions.length === 0 || positions.length > MAX_AMBIGUOUS) return [];
  const readings: string[][] = [];
  for (let mask = 1; mask < 1 << positions.length; mask += 1) {
    const chars = [...text];
    positions.forEach((p, bit) => {
      const c = chars[p] as string;
      if (mask & (1 << bit)) chars[p] = AMBIGUOUS[c] ?? c;
    });
    readings.push(lines.map((l, i) => (i === field.line ? setSlice(l, field.start, chars.join('')) : l)));
  }
  return readings;
}

/**
 * Takes another reading of a document number only when the original fails its check digit and
 * exactly one other reading satisfies both its check digit and the composite one.
 */
function resolveDocumentNumber(lines: string[], field: Field, notes: string[]): string[] {
  if (checksHold(lines, 'documentNumberCheckDigit') && checksHold(lines, 'compositeCheckDigit')) return lines;
  const verified = readingsOf(lines, field).filter(
    (r) => checksHold(r, 'documentNumberCheckDigit') && checksHold(r, 'compositeCheckDigit'),
  );
  const original = lines[field.line]?.slice(field.start, field.end);
  if (verified.length === 1 && verified[0]) {
    notes.push(
      `numéro lu ${original}, relu ${verified[0][field.line]?.slice(field.start, field.end)} (seule lecture dont les chiffres de contrôle sont justes)`,
    );
    return verified[0];
  }
  if (verified.length > 1) notes.push(`numéro ${original} gardé tel que lu : plusieurs lectures possibles`);
  return lines;
}

/** Lines repaired by field position; `notes` say what was changed or deliberately left as read. */
export function correctMrzLines(found: FoundMrz): MrzCorrection {
  const layout = LAYOUTS[found.format];
  let lines = found.lines.map((line, index) =>
    layout
      .filter((field) => field.line === index)
      .reduce(
        (l, field) => setSlice(l, field.start, repairByKind(l.slice(field.start, field.end), field.kind)),
        line,
      ),
  );
  const notes: string[] = [];
  for (const field of layout.filter((x) => x.kind === 'docnum'))
    lines = resolveDocumentNumber(lines, field, notes);
  return { lines, notes };
}
