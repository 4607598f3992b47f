import { defineMessages } from '../../views/i18n/define-messages.ts';

// French typography: no-break spaces (\u00a0) before « : ; ! ? ».
export const recoveryObjectionMessages = defineMessages({
  fr: {
    'recovery.objection.title': 'M’opposer au changement d’adresse de mon compte',
    'recovery.objection.intro':
      'Une demande de récupération de votre compte client a été acceptée par notre support après vérification de pièces justificatives. Le {date}, l’adresse e-mail de votre fiche sera remplacée par {email}, votre mot de passe cessera de fonctionner et toutes vos sessions seront fermées.',
    'recovery.objection.ifYou':
      'Si c’est vous qui avez fait cette demande, n’allez pas plus loin\u00a0: il n’y a rien à faire.',
    'recovery.objection.effect':
      'Si ce n’est pas vous, opposez-vous\u00a0: rien ne sera changé sur votre fiche et le dossier retournera en examen auprès de notre support, qui pourra vous contacter.',
    'recovery.objection.submit': 'Je m’oppose à ce changement',
    'recovery.objection.done.title': 'Opposition enregistrée',
    'recovery.objection.done':
      'Votre opposition est enregistrée\u00a0: l’adresse e-mail de votre fiche ne sera pas changée.',
    'recovery.objection.done.next':
      'Le dossier retourne en examen auprès de notre support. Pensez à vérifier la sécurité de votre boîte e-mail et de votre mot de passe.',
    'recovery.objection.invalid.title': 'Lien invalide ou expiré',
    'recovery.objection.invalid':
      'Ce lien ne fonctionne plus\u00a0: il a déjà servi, le délai d’opposition est écoulé ou le dossier a été clos. Si l’adresse de votre fiche a été changée sans votre accord, engagez une récupération de compte.',
    'recovery.objection.invalid.recover': 'Récupérer mon compte',
  },
  en: {
    'recovery.objection.title': 'Object to the change of address of my account',
    'recovery.objection.intro':
      'A request to recover your customer account has been approved by our support team after checking supporting documents. On {date}, the email address on your record will be replaced with {email}, your password will stop working and all your sessions will be signed out.',
    'recovery.objection.ifYou': 'If you made this request, go no further: there is nothing to do.',
    'recovery.objection.effect':
      'If this was not you, object: nothing will change on your record and the case will go back to our support team for review; they may contact you.',
    'recovery.objection.submit': 'I object to this change',
    'recovery.objection.done.title': 'Objection recorded',
    'recovery.objection.done':
      'Your objection is recorded: the email address on your record will not be changed.',
    'recovery.objection.done.next':
      'The case goes back to our support team for review. Take a moment to check the security of your mailbox and your password.',
    'recovery.objection.invalid.title': 'Invalid or expired link',
    'recovery.objection.invalid':
      'This link no longer works: it was already used, the time to object is over or the case is closed. If the address on your record was changed without your consent, start an account recovery.',
    'recovery.objection.invalid.recover': 'Recover my account',
  },
});
