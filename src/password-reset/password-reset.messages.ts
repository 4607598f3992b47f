import { defineMessages } from '../views/i18n/define-messages.ts';

export const passwordResetMessages = defineMessages({
  fr: {
    'forgot.title': 'Mot de passe oublié',
    'forgot.intro':
      'Indiquez l’adresse e-mail de votre fiche client. Si elle correspond à un compte, vous y recevrez un lien pour choisir un nouveau mot de passe.',
    'forgot.email': 'Adresse e-mail',
    'forgot.submit': 'Recevoir un lien',
    'forgot.sent':
      'Si cette adresse correspond à une fiche client, un e-mail vient d’y être envoyé. Le lien qu’il contient est valable {minutes}\u00a0{minutes|minute|minutes} et ne sert qu’une fois.',
    'forgot.sentHint':
      'Rien reçu après quelques minutes\u00a0? Vérifiez vos courriers indésirables, puis refaites une demande\u00a0: seul le lien le plus récent fonctionne.',
    'forgot.lostEmail': 'Vous n’avez plus accès à l’adresse e-mail de votre fiche\u00a0?',
    'forgot.backToLogin': 'Retour à la connexion',
    'reset.title': 'Choisir un nouveau mot de passe',
    'reset.intro':
      'Après le changement, toutes vos sessions seront déconnectées\u00a0; vous vous connecterez avec le nouveau mot de passe.',
    'reset.account': 'Compte\u00a0: {email}',
    'reset.submit': 'Enregistrer le nouveau mot de passe',
    'reset.done.title': 'Mot de passe modifié',
    'reset.done':
      'Votre mot de passe a été changé et toutes vos sessions ont été déconnectées. Un e-mail de confirmation vous a été envoyé.',
    'reset.login': 'Se connecter',
    'reset.invalid.title': 'Lien invalide ou expiré',
    'reset.invalid':
      'Ce lien ne fonctionne plus\u00a0: il a déjà servi, il a été remplacé par un lien plus récent ou il a expiré (il est valable {minutes}\u00a0{minutes|minute|minutes}).',
    'reset.invalid.again': 'Demander un nouveau lien',
  },
  en: {
    'forgot.title': 'Forgotten password',
    'forgot.intro':
      'Enter the email address of your customer record. If it matches an account, you will receive a link there to choose a new password.',
    'forgot.email': 'Email address',
    'forgot.submit': 'Send me a link',
    'forgot.sent':
      'If this address matches a customer record, an email has just been sent to it. The link it contains is valid for {minutes} {minutes|minute|minutes} and works only once.',
    'forgot.sentHint':
      'Nothing after a few minutes? Check your spam folder, then ask again: only the most recent link works.',
    'forgot.lostEmail': 'No longer have access to the email address on your record?',
    'forgot.backToLogin': 'Back to sign-in',
    'reset.title': 'Choose a new password',
    'reset.intro': 'After the change, all your sessions will be signed out; sign in with the new password.',
    'reset.account': 'Account: {email}',
    'reset.submit': 'Save the new password',
    'reset.done.title': 'Password changed',
    'reset.done':
      'Your password has been changed and all your sessions have been signed out. A confirmation email has been sent to you.',
    'reset.login': 'Sign in',
    'reset.invalid.title': 'Invalid or expired link',
    'reset.invalid':
      'This link no longer works: it has already been used, a newer link replaced it, or it expired (it is valid for {minutes} {minutes|minute|minutes}).',
    'reset.invalid.again': 'Ask for a new link',
  },
});
