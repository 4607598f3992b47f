/**
 * Automatic document checks: evidence for the support agent, never the decision. Each check reads
 * the text of one document (or compares several), applies one rule and says what it read. A check
 * that could not run says so (`not_run`) and is never a pass. A `fail` raises a recovery flag that
 * only a supervisor can resolve, with a note (see review/review.service.ts).
 */

export const checkOutcomes = ['pass', 'fail', 'not_run'] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

/** Every check the product runs; the flag raised for a failure is `check:<name>`. */
export const documentCheckNames = [
  // Identity documents (MRZ of French ID cards — 1988 two-line and 2021 three-line —, passports, residence permits).
  'identity_mrz_found',
  'identity_mrz_check_digits',
  'identity_not_expired',
  'identity_name_matches',
  // Kbis extract.
  'kbis_siren_matches',
  'kbis_name_matches',
  'kbis_recent',
  // Association statutes.
  'statutes_name_matches',
  'statutes_president_matches',
  'statutes_recent',
  // Handwritten letter (when its text can be read).
  'letter_names_new_email',
  // Across pieces: the same person on identity document, letter and fiche.
  'pieces_same_person',
] as const;
export type DocumentCheckName = (typeof documentCheckNames)[number];

/** What the check read and the rule it applied, shown to the agent. Never the whole extracted text. */
export type CheckEvidence = {
  /** The rule in words (French first; the review page translates known rules by name). */
  rule: string;
  /** The bit of text the check relied on (an MRZ line, a date, a name), at most ~300 characters. */
  read: string | null;
  expected?: string | null;
  found?: string | null;
  /** Why the check could not run (no text, OCR timed out, document kind missing...). */
  reason?: string | null;
};

export type CheckResult = {
  check: DocumentCheckName;
  documentId: string | null;
  outcome: CheckOutcome;
  evidence: CheckEvidence;
};

/** The longest excerpt kept as evidence: extracted text is used for the checks, not stored. */
export const MAX_EVIDENCE_CHARS = 300;

const ELLIPSIS = ' …';
// A cut falls after a whole word unless that would drop more than this share of the room (one long token).
const MIN_KEPT_SHARE = 0.5;

/**
 * At most MAX_EVIDENCE_CHARS characters of `text`, for evidence: spaces squeezed within each line and
 * blank lines dropped, but line breaks kept (an MRZ's lines, « lu : … corrigé : … »), and a longer
 * text cut after a whole word, marked « … ».
 */
export function excerpt(text: string | null | undefined): string | null {
  if (!text) return null;
  const squeezed = text
    .split(/\r\n?|[\n\v\f\u0085\u2028\u2029]/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  if (squeezed.length <= MAX_EVIDENCE_CHARS) return squeezed;
  const room = MAX_EVIDENCE_CHARS - ELLIPSIS.length;
  // The cut is on a boundary when the first character left out is a space or a line break.
  const boundary = /\s/.test(squeezed.charAt(room)) ? room : squeezed.slice(0, room).search(/\s\S*$/);
  const end = boundary >= room * MIN_KEPT_SHARE ? boundary : room;
  return `${squeezed.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** A person as documents name them: given names and surname. */
export type PersonName = { firstName: string; lastName: string };
