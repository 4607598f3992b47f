import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPasswordPolicy,
  type PasswordPolicyReason,
  passwordPolicyDescription,
} from './password-policy.ts';

const withClasses = { requireCharacterClasses: true, userInputs: [] as string[] };
const withoutClasses = { requireCharacterClasses: false, userInputs: [] as string[] };
const dupont = { requireCharacterClasses: true, userInputs: ['jean.dupont@example.fr', 'Jean', 'Dupont'] };

function reasonsOf(password: string, options = withClasses): PasswordPolicyReason[] {
  const result = checkPasswordPolicy(password, options);
  return result.ok ? [] : result.reasons;
}

describe('checkPasswordPolicy', () => {
  it('accepts a strong password and reports its score', () => {
    assert.deepEqual(checkPasswordPolicy('Cheval-Agrafe-Batterie-42', dupont), { ok: true, score: 4 });
  });

  it('refuses a password shorter than 12 characters', () => {
    assert.ok(reasonsOf('Xk7#pQ9$mW2').includes('password_too_short'));
    assert.ok(!reasonsOf('Xk7#pQ9$mW2z').includes('password_too_short'));
  });

  it('counts code points after NFC normalization, not UTF-16 units', () => {
    // Eleven decomposed "é" (22 code points before NFC) plus "1!" is 13 code points after it.
    assert.ok(!reasonsOf(`${'e\u0301'.repeat(11)}1!`).includes('password_too_short'));
    // Ten emoji are 20 UTF-16 units but only 10 code points.
    assert.ok(reasonsOf('😀'.repeat(10)).includes('password_too_short'));
  });

  it('accepts 128 characters and refuses 129', () => {
    const strong = 'Cheval-Agrafe-Batterie-42-';
    const of128 = `${strong}${'x7Kp2#Qw9z'.repeat(11)}Ab`.slice(0, 128);
    assert.equal([...of128].length, 128);
    assert.ok(!reasonsOf(of128).includes('password_too_long'));
    assert.ok(reasonsOf(`${of128}y`).includes('password_too_long'));
  });

  it('requires a letter, a digit and a special character', () => {
    assert.deepEqual(reasonsOf('7391-4826-0573'), ['password_needs_letter']);
    assert.deepEqual(reasonsOf('Cheval-Agrafe-Batterie'), ['password_needs_digit']);
    assert.deepEqual(reasonsOf('ChevalAgrafeBatterie42'), ['password_needs_special']);
  });

  it('refuses a password of the common list, whatever its case', () => {
    assert.ok(reasonsOf('AZERTYUIOP', withoutClasses).includes('password_too_common'));
    assert.ok(reasonsOf('motdepasse').includes('password_too_common'));
  });

  it('refuses "Motdepasse123!": a common password dressed up with digits and a symbol', () => {
    const result = checkPasswordPolicy('Motdepasse123!', withClasses);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reasons.includes('password_too_common'));
    // zxcvbn alone scores it 3; a listed password is shown as very weak.
    assert.equal(result.score, 0);
  });

  it('refuses a password that zxcvbn scores below 3', () => {
    const result = checkPasswordPolicy('Qsdfghjklm1!', withClasses);
    assert.deepEqual(result, { ok: false, score: 2, reasons: ['password_too_weak'] });
  });

  it('refuses a password that contains the last name, whatever its case and accents', () => {
    assert.deepEqual(reasonsOf('Dupont2024!!abc', { ...withClasses, userInputs: ['Dupont'] }), [
      'password_contains_personal_info',
    ]);
    assert.ok(
      reasonsOf('Tulipe-ELEONORE-73', { ...withClasses, userInputs: ['Éléonore'] }).includes(
        'password_contains_personal_info',
      ),
    );
  });

  it('refuses a password that contains the email local part or one of its words', () => {
    assert.ok(
      reasonsOf('Tulipe-jdupont-73', { ...withClasses, userInputs: ['jdupont@example.fr'] }).includes(
        'password_contains_personal_info',
      ),
    );
    assert.ok(reasonsOf('Tulipe-Dupont-73', dupont).includes('password_contains_personal_info'));
  });

  it('ignores personal inputs shorter than 3 characters and the email domain', () => {
    const options = { ...withClasses, userInputs: ['Li', 'li@orange.fr'] };
    assert.deepEqual(checkPasswordPolicy('Orange-Tulipe-Limace-73', options).ok, true);
  });

  it('returns every reason that applies, once each, in a stable order', () => {
    assert.deepEqual(reasonsOf('dupont', dupont), [
      'password_too_short',
      'password_needs_digit',
      'password_needs_special',
      'password_too_common',
      'password_too_weak',
      'password_contains_personal_info',
    ]);
  });

  describe('when the character-class rule is off', () => {
    it('requires 15 characters', () => {
      assert.deepEqual(reasonsOf('chevalagrafebt', withoutClasses), ['password_too_short']);
      assert.deepEqual(checkPasswordPolicy('chevalagrafebat', withoutClasses), { ok: true, score: 4 });
    });

    it('accepts a passphrase without digits or symbols', () => {
      assert.equal(checkPasswordPolicy('correct horse battery staple', withoutClasses).ok, true);
    });

    it('still applies the 128 limit, the list and the strength score', () => {
      assert.ok(
        reasonsOf(`correct horse battery staple ${'z'.repeat(100)}`, withoutClasses).includes(
          'password_too_long',
        ),
      );
      assert.ok(reasonsOf('1qaz2wsx3edc4rfv', withoutClasses).includes('password_too_common'));
    });
  });
});

describe('passwordPolicyDescription', () => {
  it('lists the class rule only when it applies', () => {
    assert.deepEqual(passwordPolicyDescription(true), ['rule_length', 'rule_classes', 'rule_strength']);
    assert.deepEqual(passwordPolicyDescription(false), ['rule_length', 'rule_strength']);
  });
});
