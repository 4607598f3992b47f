import { parse } from 'mrz';
import type { FoundMrz, MrzFormat } from './mrz-formats.ts';

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
// What OCR makes of one `<` of a name's `<<` (E left out: too many names end with it).
const SEPARATOR_LOOKALIKES = new Set(['C', 'K', 'L', 'S', 'X']);
// More alternatives than this is noise, not a misread: the original is kept.
const MAX_AMBIGUOUS = 8;
// OCR misreads one or two characters of a number, rarely more; fewer changes, fewer chance matches.
const MAX_FLIPS = 2;

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

type Reading = { lines: string[]; flips: number; number: string };

/**
 * Every other reading of the ambiguous characters of one docnum field, changing at most MAX_FLIPS
 * of them, fewest changes first (the closest to what OCR read).
 */
function readingsOf(lines: string[], field: Field): Reading[] {
  const text = lines[field.line]?.slice(field.start, field.end) ?? '';
  const positions = [...text].flatMap((c, i) => (AMBIGUOUS[c] ? [i] : []));
  if (positions.length === 0 || positions.length > MAX_AMBIGUOUS) return [];
  const readings: Reading[] = [];
  for (let mask = 1; mask < 1 << positions.length; mask += 1) {
    const chars = [...text];
    let flips = 0;
    positions.forEach((p, bit) => {
      const c = chars[p] as string;
      if (mask & (1 << bit)) {
        chars[p] = AMBIGUOUS[c] ?? c;
        flips += 1;
      }
    });
    if (flips > MAX_FLIPS) continue;
    const number = chars.join('');
    readings.push({
      lines: lines.map((l, i) => (i === field.line ? setSlice(l, field.start, number) : l)),
      flips,
      number,
    });
  }
  return readings.sort((a, b) => a.flips - b.flips);
}

/**
 * When the number as read fails its check digits, takes the closest reading (fewest O/0, B/8, I/1,
 * S/5 changes, at most MAX_FLIPS) that satisfies both its own check digit and the composite one,
 * provided no other reading as close does too: then the number is kept as read and fails. A wrong
 * check digit cannot be made right this way (the number heads the composite with the same weights,
 * so the two constraints contradict each other, except for a digit off by exactly 5).
 */
function resolveDocumentNumber(lines: string[], field: Field, notes: string[]): string[] {
  if (checksHold(lines, 'documentNumberCheckDigit') && checksHold(lines, 'compositeCheckDigit')) return lines;
  const verified = readingsOf(lines, field).filter(
    (r) => checksHold(r.lines, 'documentNumberCheckDigit') && checksHold(r.lines, 'compositeCheckDigit'),
  );
  const original = lines[field.line]?.slice(field.start, field.end);
  const [best, next] = verified;
  if (!best) return lines;
  if (next && next.flips === best.flips) {
    const tied = verified.filter((r) => r.flips === best.flips).map((r) => r.number);
    notes.push(`numéro ${original} gardé tel que lu : plusieurs lectures possibles (${tied.join(', ')})`);
    return lines;
  }
  notes.push(
    next
      ? `numéro lu ${original}, relu ${best.number} (la lecture la plus proche dont les chiffres de contrôle sont justes)`
      : `numéro lu ${original}, relu ${best.number} (seule lecture dont les chiffres de contrôle sont justes)`,
  );
  return best.lines;
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
  // French 1988 cards keep surname and given names in fields of their own: no separator to repair.
  if (found.format !== 'FRENCH_NATIONAL_ID') {
    const field = layout.find((x) => x.kind === 'name');
    if (field) lines = repairNameSeparator(lines, field, notes);
  }
  for (const field of layout.filter((x) => x.kind === 'docnum'))
    lines = resolveDocumentNumber(lines, field, notes);
  return { lines, notes };
}

/**
 * ICAO names hold `SURNAME<<GIVEN<NAMES`; OCR sometimes reads one `<` of the `<<` as a letter
 * (`ROUSSEAUX<THIBAULT`, `ROUSSEAUS<JEAN`). A name part without any `<<` before its filler is
 * malformed: when exactly one single `<` touches a letter OCR makes of a `<`, that letter is read
 * as `<`. Any other case is left as read (the name check then fails, and the agent looks).
 */
function repairNameSeparator(lines: string[], field: Field, notes: string[]): string[] {
  const text = lines[field.line]?.slice(field.start, field.end) ?? '';
  const name = text.replace(/<+$/, '');
  if (name.includes('<<') || !name.includes('<')) return lines;
  const candidates = [...name].flatMap((c, i) => {
    if (c !== '<') return [];
    return [i - 1, i + 1].filter(
      (j) => j > 0 && j < name.length - 1 && SEPARATOR_LOOKALIKES.has(name[j] ?? ''),
    );
  });
  const [only, ...more] = candidates;
  if (only === undefined || more.length > 0) return lines;
  const repaired = setSlice(name, only, '<');
  notes.push(`nom lu ${name}, relu ${repaired} (séparateur << du nom et des prénoms)`);
  return lines.map((l, i) => (i === field.line ? setSlice(l, field.start, repaired) : l));
}
