import { defineMessages } from '../../views/i18n/define-messages.ts';

export const devMailMessages = defineMessages({
  fr: {
    'devMail.title': 'Courrier sortant (développement)',
    'devMail.intro':
      'Sans SMTP_URL, les e-mails sont écrits dans DATA_DIR/mail au lieu d’être envoyés. Cette page n’existe pas en production.',
    'devMail.warning':
      'Ces fichiers contiennent les liens en clair (réinitialisation, confirmation)\u00a0: ne les partagez pas.',
    'devMail.empty':
      'Aucun e-mail pour l’instant. Le worker les dépose ici environ une seconde après leur envoi.',
    'devMail.date': 'Date',
    'devMail.from': 'De',
    'devMail.to': 'À',
    'devMail.subject': 'Objet',
    'devMail.messageId': 'Message-ID',
    'devMail.noSubject': '(sans objet)',
    'devMail.textPart': 'Version texte',
    'devMail.htmlNote':
      'La version HTML n’est pas affichée ici (elle s’exécuterait dans cette page)\u00a0; ouvrez le fichier .eml dans un client de messagerie pour la voir.',
    'devMail.download': 'Télécharger le fichier .eml',
    'devMail.back': 'Retour à la liste',
  },
  en: {
    'devMail.title': 'Outgoing mail (development)',
    'devMail.intro':
      'Without SMTP_URL, emails are written to DATA_DIR/mail instead of being sent. This page does not exist in production.',
    'devMail.warning': 'These files hold links (reset, confirmation) in clear: do not share them.',
    'devMail.empty': 'No email yet. The worker drops them here about a second after they are sent.',
    'devMail.date': 'Date',
    'devMail.from': 'From',
    'devMail.to': 'To',
    'devMail.subject': 'Subject',
    'devMail.messageId': 'Message-ID',
    'devMail.noSubject': '(no subject)',
    'devMail.textPart': 'Plain-text part',
    'devMail.htmlNote':
      'The HTML part is not shown here (it would run inside this page); open the .eml file in a mail client to see it.',
    'devMail.download': 'Download the .eml file',
    'devMail.back': 'Back to the list',
  },
});
