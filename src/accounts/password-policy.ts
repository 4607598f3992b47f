import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import * as zxcvbnFr from '@zxcvbn-ts/language-fr';
import { MAX_PASSWORD_LENGTH } from '../platform/crypto/passwords.ts';

// The provider's password policy (DESIGN.md, "Security rules"): pure, no I/O.

export const passwordPolicyReasons = [
  'password_too_short',
  'password_too_long',
  'password_needs_letter',
  'password_needs_digit',
  'password_needs_special',
  'password_too_common',
  'password_too_weak',
  'password_contains_personal_info',
] as const;
export type PasswordPolicyReason = (typeof passwordPolicyReasons)[number];

export type PasswordPolicyRule = 'rule_length' | 'rule_classes' | 'rule_strength';

export type PasswordPolicyResult =
  | { ok: true; score: number }
  | { ok: false; score: number; reasons: PasswordPolicyReason[] };

export const MIN_PASSWORD_LENGTH = 12;
/** Without the character-class rule, length has to make up for it (NIST SP 800-63B-4's 15). */
export const MIN_PASSWORD_LENGTH_WITHOUT_CLASSES = 15;
export const MIN_PASSWORD_SCORE = 3;
// Personal inputs shorter than this ("Li", "jd") would match half of all passwords.
const MIN_PERSONAL_INPUT_LENGTH = 3;

// Configured once at module load: building the ranked dictionaries is the expensive part.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnFr.dictionary, ...zxcvbnEn.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
  // The check runs synchronously on the event loop as customers type: the default of 100 l33t
  // substitutions costs up to 1.5 s on a crafted 120-character input, 5 keeps it near 100 ms and
  // still sees "P@$$w0rd". Levenshtein matching stays off for the same reason (5–10x slower).
  l33tMaxSubstitutions: 5,
  maxLength: MAX_PASSWORD_LENGTH,
});

// The common-password list shipped in @zxcvbn-ts/language-common stands as our breached list.
const commonPasswords = new Set(zxcvbnCommon.dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * Checks a password against every rule and returns every reason it fails, in a stable order.
 * @example checkPasswordPolicy('Cheval-Agrafe-Batterie-42', { requireCharacterClasses: true, userInputs: ['Dupont'] })
 */
export function checkPasswordPolicy(
  password: string,
  options: { requireCharacterClasses: boolean; userInputs: string[] },
): PasswordPolicyResult {
  const normalized = password.normalize('NFC');
  const length = [...normalized].length;
  const failed = new Set<PasswordPolicyReason>();

  const minLength = options.requireCharacterClasses
    ? MIN_PASSWORD_LENGTH
    : MIN_PASSWORD_LENGTH_WITHOUT_CLASSES;
  if (length < minLength) failed.add('password_too_short');
  if (length > MAX_PASSWORD_LENGTH) failed.add('password_too_long');
  if (options.requireCharacterClasses) {
    if (!/\p{L}/u.test(normalized)) failed.add('password_needs_letter');
    if (!/\p{Nd}/u.test(normalized)) failed.add('password_needs_digit');
    // Anything that is neither a letter nor a digit counts: punctuation, symbols, spaces.
    if (!/[^\p{L}\p{Nd}]/u.test(normalized)) failed.add('password_needs_special');
  }
  if (isCommonPassword(normalized)) failed.add('password_too_common');

  const personalInputs = expandPersonalInputs(options.userInputs);
  const folded = foldForComparison(normalized);
  if (personalInputs.some((input) => folded.includes(input))) failed.add('password_contains_personal_info');

  // zxcvbn cuts at its own maxLength; an over-long password is refused above anyway.
  const estimated = zxcvbn.check(normalized, [...options.userInputs, ...personalInputs]).score;
  if (estimated < MIN_PASSWORD_SCORE) failed.add('password_too_weak');
  // A listed password is among an attacker's first guesses, whatever zxcvbn makes of "123!".
  const score = failed.has('password_too_common') ? 0 : estimated;

  if (failed.size === 0) return { ok: true, score };
  return { ok: false, score, reasons: passwordPolicyReasons.filter((reason) => failed.has(reason)) };
}

/** The rules to show as a checklist beside a new-password field. */
export function passwordPolicyDescription(requireCharacterClasses: boolean): PasswordPolicyRule[] {
  return requireCharacterClasses
    ? ['rule_length', 'rule_classes', 'rule_strength']
    : ['rule_length', 'rule_strength'];
}

/**
 * True when the password, or its letters once the digits and symbols around them are dropped,
 * is on the list: "Motdepasse123!" is how people make "motdepasse" pass a character-class rule.
 */
function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return commonPasswords.has(lower) || (core.length > 0 && commonPasswords.has(core));
}

/** Lower case without accents, so "Éléonore" in the password matches "eleonore" in the inputs. */
function foldForComparison(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The user's inputs as the policy compares them: each whole input, an email's local part, and the
 * words of a multi-word name or a dotted local part ("jean.dupont@…" gives "jean" and "dupont").
 */
function expandPersonalInputs(userInputs: string[]): string[] {
  const expanded = new Set<string>();
  for (const input of userInputs) {
    const folded = foldForComparison(input.normalize('NFC').trim());
    const at = folded.lastIndexOf('@');
    // An email is kept whole and its local part split; its domain is not split ("com", "orange").
    const splittable = at > 0 ? folded.slice(0, at) : folded;
    expanded.add(folded);
    expanded.add(splittable);
    for (const word of splittable.split(/[\s.\-_+'’]+/u)) expanded.add(word);
  }
  return [...expanded].filter((input) => [...input].length >= MIN_PERSONAL_INPUT_LENGTH);
}

/** The minimum length in force: 12 with the provider's character classes, 15 without (NIST). */
export function minimumPasswordLength(requireCharacterClasses: boolean): number {
  return requireCharacterClasses ? MIN_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH_WITHOUT_CLASSES;
}
