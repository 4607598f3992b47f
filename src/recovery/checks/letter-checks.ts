import { foldText, personLabel } from './check-text.ts';
import { type CheckResult, excerpt, type PersonName } from './document-check.ts';

/** The handwritten letter: when its text can be read, it names the new email address. */

const UNREADABLE_REASON =
  'Le texte du courrier n’a pas pu être lu (l’écriture manuscrite déjoue souvent la reconnaissance de caractères) : à vérifier à l’œil.';

/**
 * Whether OCR gave words rather than noise: enough words of three letters or more, and most of
 * the tokens are words. Handwriting usually gives a few scattered fragments.
 */
export function isReadableText(text: string | null | undefined): boolean {
  if (!text) return false;
  const tokens = text.split(/\s+/).filter(Boolean);
  const words = tokens.filter((t) => /^[\p{L}'’-]{3,}[.,;:!?]?$/u.test(t));
  return words.length >= 12 && words.length / tokens.length >= 0.5;
}

/** The text without spaces or case: OCR splits « jeanne.dupont @ exemple.fr » and capitalizes at random. */
function squeeze(text: string): string {
  return foldText(text).replace(/\s+/g, '');
}

/** Characters OCR confuses in printed and written addresses, one for one (`dalmeida12` read `dalmeidal2`). */
function ocrShape(squeezed: string): string {
  return squeezed.replace(/[l|]/g, '1').replace(/o/g, '0');
}

/**
 * Where `email` appears in `text` (spaces and case aside; with `confusable`, l/1 and o/0 too), as an
 * excerpt of the original text.
 */
function findEmail(text: string, email: string, confusable = false): string | null {
  const shape = confusable ? ocrShape : (x: string) => x;
  const target = shape(squeeze(email));
  const squeezed = shape(squeeze(text));
  const at = squeezed.indexOf(target);
  if (at < 0) return null;
  // Map the squeezed position back to the original text for the excerpt.
  let seen = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i] ?? '')) continue;
    if (seen === at) {
      start = i;
      break;
    }
    seen += 1;
  }
  return text.slice(Math.max(0, start - 40), start + email.length + 40);
}

/** `letter_names_new_email`: pass when the new address is in the letter; not_run when the text is not readable. */
export function checkLetter(input: {
  documentId: string;
  text: string | null;
  newEmail: string;
}): CheckResult {
  const rule = 'Le courrier manuscrit indique la nouvelle adresse e-mail demandée.';
  const base = { check: 'letter_names_new_email', documentId: input.documentId } as const;
  const text = input.text ?? '';
  const found = text ? findEmail(text, input.newEmail) : null;
  if (found) {
    return {
      ...base,
      outcome: 'pass',
      evidence: { rule, read: excerpt(found), expected: input.newEmail, found: input.newEmail },
    };
  }
  // The claimant proved the new address by its code: a letter naming it with l/1 or o/0 swapped by
  // the reading names the same address (the agent sees what was read).
  const confused = text ? findEmail(text, input.newEmail, true) : null;
  if (confused) {
    return {
      ...base,
      outcome: 'pass',
      evidence: {
        rule,
        read: excerpt(confused),
        expected: input.newEmail,
        found: `${input.newEmail} (lu avec l/1 ou o/0 confondus)`,
      },
    };
  }
  if (!isReadableText(text)) {
    return {
      ...base,
      outcome: 'not_run',
      evidence: { rule, read: excerpt(text), expected: input.newEmail, reason: UNREADABLE_REASON },
    };
  }
  const otherEmail = /[\w.+-]+\s?@\s?[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0] ?? null;
  return {
    ...base,
    outcome: 'fail',
    evidence: {
      rule,
      read: excerpt(text),
      expected: input.newEmail,
      found: otherEmail,
      reason: otherEmail
        ? 'Le courrier donne une autre adresse.'
        : 'Le courrier lisible ne donne pas la nouvelle adresse.',
    },
  };
}

/**
 * Who signs the letter, when the text says it: « Je soussigné(e) Jeanne Lefèvre », « Signé : … »,
 * or the expected person's name written anywhere in it. Null when nothing can be told.
 */
export function findLetterSigner(text: string | null, expected: readonly PersonName[]): string | null {
  if (!text || !isReadableText(text)) return null;
  const folded = foldText(text);
  for (const person of expected) {
    const words = foldText(personLabel(person))
      .split(/[\s-]+/)
      .filter(Boolean);
    if (words.length > 0 && words.every((w) => folded.includes(w))) return personLabel(person);
  }
  const match =
    /(?:je soussigne(?:e|\(e\))?|signe\s*:)[ \t]*((?:(?:m|mme|mlle)\.?[ \t]+)?[\p{L}' -]{3,60})/u.exec(
      folded,
    );
  const group = match?.[1];
  if (!match || !group) return null;
  const start = match.index + match[0].length - group.length;
  const name = text
    .slice(start, start + group.length)
    .replace(/\s+(?:demeurant|domicilie|ne|nee|titulaire)\b.*$/i, '')
    .trim();
  return name || null;
}
