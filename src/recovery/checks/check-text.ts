import { comparableName } from '../person-names.ts';
import type { PersonName } from './document-check.ts';

/**
 * Reading helpers shared by the Kbis, statutes and letter checks: French dates, names as token
 * sets, accent folding that keeps character positions (so an excerpt can be cut from the original).
 */

/** Lower case without accents, one character for one: indexes in the result are indexes in `text`. */
export function foldText(text: string): string {
  let folded = '';
  for (const char of text) {
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    // Keep the length: a character that does not fold to exactly one unit stays as it is.
    folded += bare.length === char.length ? bare : char;
  }
  return folded;
}

const months = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

/** A date as French documents write it, on folded text: 12/10/2026, 12.10.2026, 1er octobre 2026. */
export const FRENCH_DATE = `(\\d{1,2})\\s?[/.-]\\s?(\\d{1,2})\\s?[/.-]\\s?(\\d{4})|(\\d{1,2})(?:er)?\\s+(${months.join('|')})\\s+(\\d{4})`;

/** The date matched by FRENCH_DATE's groups (starting at `first`), or null when it is no real day. */
export function dateFromGroups(groups: readonly (string | undefined)[], first = 1): Date | null {
  const [d1, m1, y1, d2, m2, y2] = groups.slice(first, first + 6);
  const day = Number(d1 ?? d2);
  const month = m1 ? Number(m1) : months.indexOf(m2 ?? '') + 1;
  const year = Number(y1 ?? y2);
  if (!day || month < 1 || month > 12 || year < 1900) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over to March: not a date a document would print.
  return date.getUTCDate() === day ? date : null;
}

/** `labels` (folded regex sources) each followed by a date; every match, in text order. */
export function findLabelledDates(
  text: string,
  labels: readonly string[],
): { date: Date; index: number; length: number }[] {
  const folded = foldText(text);
  const found: { date: Date; index: number; length: number }[] = [];
  for (const label of labels) {
    const pattern = new RegExp(`(?:${label})\\s*:?\\s*(?:${FRENCH_DATE})`, 'g');
    for (const match of folded.matchAll(pattern)) {
      const date = dateFromGroups(match);
      if (date) found.push({ date, index: match.index, length: match[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A date as the check evidence shows it to support, in French: 07/12/2026 (UTC, as documents give no zone). */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** `today` moved back by whole calendar months (UTC), for « at most 3 months old ». */
export function monthsBefore(today: Date, count: number): Date {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - count, today.getUTCDate()));
  return date;
}

// Evidence never starts or ends inside a word; a "word" longer than this (OCR noise) is cut rather than kept whole.
const LONGEST_WORD = 30;
const endsWord = (c: string | undefined) => c === undefined || /\s/.test(c);

/** `at` moved back to the start of its word, or on past that word when it is too long (at most to `limit`). */
function wordStart(text: string, at: number, lineStart: number, limit: number): number {
  for (let i = at; i >= Math.max(lineStart, at - LONGEST_WORD); i--)
    if (i === lineStart || endsWord(text[i - 1])) return i;
  for (let i = at; i < limit; i++) if (endsWord(text[i - 1])) return i;
  return limit;
}

/** `at` moved on to the end of its word, or back before that word when it is too long (at least to `limit`). */
function wordEnd(text: string, at: number, lineEnd: number, limit: number): number {
  for (let i = at; i <= Math.min(lineEnd, at + LONGEST_WORD); i++)
    if (i === lineEnd || endsWord(text[i])) return i;
  for (let i = at; i > limit; i--) if (endsWord(text[i])) return i;
  return limit;
}

/**
 * The text around [index, index + length), for evidence: up to `margin` characters on each side, on the
 * match's own line(s) and widened to whole words (« R.C.S. NANTES », never « NE MORALE … R.C.S. NA »).
 */
export function around(text: string, index: number, length: number, margin = 40): string {
  const end = index + length;
  const lineStart = index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const from = wordStart(text, Math.max(lineStart, index - margin), lineStart, index);
  const to = wordEnd(text, Math.min(lineEnd, end + margin), lineEnd, end);
  return text.slice(from, to);
}

/** A name as a sorted multiset of comparable words: « BERNARD Sophie » and « Sophie Bernard » are equal. */
export function nameTokens(name: string): string[] {
  return comparableName(name).split(' ').filter(Boolean).sort();
}

const civilities = new Set(['m', 'mr', 'mme', 'mlle', 'madame', 'monsieur', 'mademoiselle', 'dr']);

const MAX_EXTRA_NAME_WORDS = 2;

/**
 * Same person when every word of the expected name is in the found one (accents, case, hyphens,
 * order and civilities aside). A few extra words are tolerated: an identity document lists every
 * given name where the fiche has one.
 */
export function samePersonName(found: string, expected: PersonName): boolean {
  const have = nameTokens(found).filter((t) => !civilities.has(t));
  const want = nameTokens(`${expected.firstName} ${expected.lastName}`);
  if (want.length === 0 || have.length - want.length > MAX_EXTRA_NAME_WORDS) return false;
  const left = [...have];
  for (const word of want) {
    const at = left.indexOf(word);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

/**
 * Same person when the found name holds the expected surname and at least the first expected given
 * name, and nothing but the other expected given names besides (accents, case, hyphens, order and
 * civilities aside): statutes name « Théo Gauthier-Brès » where the identity document says « Théo
 * Noël ». The identity check applies the same rule to the MRZ.
 */
export function sameSurnameAndFirstGivenName(found: string, expected: PersonName): boolean {
  const have = nameTokens(found).filter((t) => !civilities.has(t));
  const [first = '', ...others] = expected.firstName.trim().split(/\s+/);
  const required = [...nameTokens(expected.lastName), ...nameTokens(first)];
  if (nameTokens(expected.lastName).length === 0 || nameTokens(first).length === 0) return false;
  const optional = nameTokens(others.join(' '));
  for (const word of required) {
    const at = have.indexOf(word);
    if (at < 0) return false;
    have.splice(at, 1);
  }
  // A word the expected person does not have (« Théo Paul Gauthier-Brès ») is someone else.
  for (const word of have) {
    const at = optional.indexOf(word);
    if (at < 0) return false;
    optional.splice(at, 1);
  }
  return true;
}

export function personLabel(person: PersonName): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** The value after `labels` on the same line (up to a stop character), with its position. */
export function findLabelledValue(
  text: string,
  labels: readonly string[],
  stop = '\\n',
): { value: string; index: number; length: number } | null {
  const folded = foldText(text);
  for (const label of labels) {
    // Blanks, not \s: a label that ends its line (« Article 1 — Dénomination ») has no value.
    const match = new RegExp(`(?:${label})[ \\t]*:?[ \\t]*([^${stop}]+)`).exec(folded);
    const group = match?.[1];
    if (!match || !group) continue;
    const start = match.index + match[0].length - group.length;
    const value = text.slice(start, start + group.length).trim();
    if (value) return { value, index: match.index, length: match[0].length };
  }
  return null;
}
