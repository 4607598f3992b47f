import { defineMessages } from '../views/i18n/define-messages.ts';

export const emailChangeMessages = defineMessages({
  fr: {
    'account.changeEmail': 'Changer mon adresse e-mail',
    'emailChange.title': 'Changer mon adresse e-mail',
    'emailChange.intro':
      'Un lien de confirmation sera envoyé à la nouvelle adresse. Votre fiche ne change qu’une fois ce lien utilisé\u00a0; il est valable 24 heures.',
    'emailChange.current': 'Adresse actuelle\u00a0: {email}',
    'emailChange.newEmail': 'Nouvelle adresse e-mail',
    'emailChange.password': 'Mot de passe actuel',
    'emailChange.passwordHint': 'Pour vérifier que c’est bien vous.',
    'emailChange.submit': 'Envoyer le lien de confirmation',
    'emailChange.sent':
      'Un e-mail vient d’être envoyé à la nouvelle adresse. Ouvrez le lien qu’il contient dans les 24 heures pour confirmer le changement\u00a0; d’ici là, votre fiche garde l’adresse actuelle.',
    'emailChange.confirm.title': 'Confirmer ma nouvelle adresse e-mail',
    'emailChange.confirm.intro':
      'L’adresse {email} remplacera celle de votre fiche client. Un avis sera envoyé à l’ancienne adresse.',
    'emailChange.confirm.submit': 'Confirmer cette adresse',
    'emailChange.done.title': 'Adresse e-mail changée',
    'emailChange.done':
      'Votre fiche client porte désormais la nouvelle adresse\u00a0: utilisez-la pour vous connecter.',
    'emailChange.invalid.title': 'Lien invalide ou expiré',
    'emailChange.invalid':
      'Ce lien ne fonctionne plus\u00a0: il a déjà servi, une demande plus récente l’a remplacé ou il a expiré (il est valable 24 heures). Vous pouvez refaire la demande depuis votre fiche.',
    'emailChange.backToAccount': 'Retour à ma fiche',
    'fieldError.email_unchanged': 'C’est déjà l’adresse de votre fiche.',
    'emailChange.pending.title': 'Changement d’adresse e-mail en attente',
    'emailChange.pending.intro':
      'Un lien de confirmation a été envoyé à {email} le {requested}. Votre fiche garde l’adresse actuelle tant qu’il n’a pas servi\u00a0; il est valable jusqu’au {expires}.',
    'emailChange.pending.cancel': 'Annuler la modification',
    'emailChange.cancelled':
      'La modification de l’adresse e-mail est annulée\u00a0: le lien envoyé ne fonctionne plus et votre fiche garde son adresse.',
    'emailChange.nothingPending': 'Aucune modification d’adresse e-mail n’était en attente.',
  },
  en: {
    'account.changeEmail': 'Change my email address',
    'emailChange.title': 'Change my email address',
    'emailChange.intro':
      'A confirmation link will be sent to the new address. Your record changes only once that link is used; it is valid for 24 hours.',
    'emailChange.current': 'Current address: {email}',
    'emailChange.newEmail': 'New email address',
    'emailChange.password': 'Current password',
    'emailChange.passwordHint': 'To check that it is really you.',
    'emailChange.submit': 'Send the confirmation link',
    'emailChange.sent':
      'An email has just been sent to the new address. Open the link it contains within 24 hours to confirm the change; until then, your record keeps the current address.',
    'emailChange.confirm.title': 'Confirm my new email address',
    'emailChange.confirm.intro':
      'The address {email} will replace the one on your customer record. A notice will be sent to the old address.',
    'emailChange.confirm.submit': 'Confirm this address',
    'emailChange.done.title': 'Email address changed',
    'emailChange.done': 'Your customer record now carries the new address: use it to sign in.',
    'emailChange.invalid.title': 'Invalid or expired link',
    'emailChange.invalid':
      'This link no longer works: it has already been used, a newer request replaced it, or it expired (it is valid for 24 hours). You can ask again from your record.',
    'emailChange.backToAccount': 'Back to my record',
    'fieldError.email_unchanged': 'This is already the address on your record.',
    'emailChange.pending.title': 'Email address change pending',
    'emailChange.pending.intro':
      'A confirmation link was sent to {email} on {requested}. Your record keeps the current address until it is used; it is valid until {expires}.',
    'emailChange.pending.cancel': 'Cancel the change',
    'emailChange.cancelled':
      'The email address change is cancelled: the link sent no longer works and your record keeps its address.',
    'emailChange.nothingPending': 'No email address change was pending.',
  },
});
