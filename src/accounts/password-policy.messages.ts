import { defineMessages } from '../views/i18n/define-messages.ts';

/**
 * The password policy's messages: one `fieldError.<reason>` per refusal, and the checklist and
 * strength meter shown beside a new-password field. The numbers are written out because the
 * pages and the 422 errors show these messages without parameters.
 */
export const passwordPolicyMessages = defineMessages({
  fr: {
    'fieldError.password_too_short': 'Ce mot de passe est trop court\u00a0: {min} caractères au minimum.',
    'fieldError.password_too_long': 'Ce mot de passe est trop long\u00a0: 128 caractères au maximum.',
    'fieldError.password_needs_letter': 'Ajoutez au moins une lettre.',
    'fieldError.password_needs_digit': 'Ajoutez au moins un chiffre.',
    'fieldError.password_needs_special':
      'Ajoutez au moins un caractère spécial (ponctuation, symbole ou espace).',
    'fieldError.password_too_common':
      'Ce mot de passe fait partie des plus utilisés\u00a0: il serait deviné en quelques essais. Choisissez-en un autre.',
    'fieldError.password_too_weak':
      'Ce mot de passe est trop facile à deviner. Allongez-le, par exemple avec plusieurs mots sans rapport entre eux.',
    'fieldError.password_contains_personal_info':
      'Ce mot de passe contient votre nom ou votre adresse e-mail\u00a0: un attaquant essaierait ces mots en premier.',
    'password.rule_length': 'Entre 12 et 128 caractères',
    'password.rule_length_no_classes': 'Entre 15 et 128 caractères',
    'password.rule_classes': 'Au moins une lettre, un chiffre et un caractère spécial',
    'password.rule_strength':
      'Difficile à deviner\u00a0: ni mot de passe courant, ni votre nom, ni votre adresse e-mail',
    'password.strength_label': 'Robustesse du mot de passe',
    'password.strength_0': 'Très faible',
    'password.strength_1': 'Faible',
    'password.strength_2': 'Moyen',
    'password.strength_3': 'Fort',
    'password.strength_4': 'Très fort',
    'password.checking': 'Vérification du mot de passe…',
    'password.ok': 'Ce mot de passe respecte les règles.',
  },
  en: {
    'fieldError.password_too_short': 'This password is too short: {min} characters at least.',
    'fieldError.password_too_long': 'This password is too long: 128 characters at most.',
    'fieldError.password_needs_letter': 'Add at least one letter.',
    'fieldError.password_needs_digit': 'Add at least one digit.',
    'fieldError.password_needs_special': 'Add at least one special character (punctuation, symbol or space).',
    'fieldError.password_too_common':
      'This password is one of the most used: it would be guessed in a few tries. Please choose another one.',
    'fieldError.password_too_weak':
      'This password is too easy to guess. Make it longer, for example with several unrelated words.',
    'fieldError.password_contains_personal_info':
      'This password contains your name or your email address: an attacker would try those words first.',
    'password.rule_length': 'Between 12 and 128 characters',
    'password.rule_length_no_classes': 'Between 15 and 128 characters',
    'password.rule_classes': 'At least one letter, one digit and one special character',
    'password.rule_strength': 'Hard to guess: not a common password, not your name, not your email address',
    'password.strength_label': 'Password strength',
    'password.strength_0': 'Very weak',
    'password.strength_1': 'Weak',
    'password.strength_2': 'Fair',
    'password.strength_3': 'Strong',
    'password.strength_4': 'Very strong',
    'password.checking': 'Checking the password…',
    'password.ok': 'This password meets the rules.',
  },
});
