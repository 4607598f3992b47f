import { defineMessages } from '../views/i18n/define-messages.ts';

export const passkeysMessages = defineMessages({
  fr: {
    'fieldError.passkey_refused': 'La clé d’accès n’a pas été acceptée. Réessayez.',
    'fieldError.passkey_needs_script':
      'L’ajout d’une clé d’accès se fait avec votre navigateur\u00a0: activez JavaScript et réessayez.',
    'passkey.signIn': 'Utiliser une clé d’accès',
    'passkey.use': 'Utiliser ma clé d’accès',
    'passkey.failed': 'La clé d’accès n’a pas été acceptée. Réessayez, ou utilisez un autre moyen.',
    'passkey.cancelled': 'L’opération a été annulée ou a expiré. Vous pouvez réessayer.',
    'passkey.unsupported':
      'Ce navigateur ne permet pas d’utiliser les clés d’accès (ou JavaScript est désactivé).',
    'passkeys.title': 'Clés d’accès',
    'passkeys.intro':
      'Une clé d’accès (empreinte, visage ou code PIN de votre appareil, ou clé de sécurité) remplace le code de l’application et permet de se connecter sans mot de passe.',
    'passkeys.none': 'Aucune clé d’accès enregistrée.',
    'passkeys.created': 'Ajoutée le {date}',
    'passkeys.lastUsed': 'dernière utilisation le {date}',
    'passkeys.neverUsed': 'jamais utilisée',
    'passkeys.synced': 'synchronisée',
    'passkeys.name': 'Nom de la clé',
    'passkeys.nameHint': 'Pour la reconnaître\u00a0: « Téléphone », « Clé USB »…',
    'passkeys.rename': 'Renommer',
    'passkeys.remove': 'Retirer cette clé',
    'passkeys.add': 'Ajouter une clé d’accès',
    'passkeys.passwordHint': 'Inutile si vous vous êtes connecté il y a moins de 10 minutes.',
    'passkeys.added': 'La clé d’accès a été ajoutée.',
    'passkeys.removed': 'La clé d’accès a été retirée.',
    'passkeys.renamed': 'La clé d’accès a été renommée.',
    'security.appTitle': 'Application d’authentification',
    'security.appOn': 'Une application d’authentification est active.',
    'security.enrolBy':
      'Votre hébergeur demande une double authentification pour chaque compte. Activez-en une avant le {date}\u00a0: après cette date, elle sera exigée pour accéder à votre espace.',
    'security.enrolOverdue':
      'Votre hébergeur exige une double authentification. Activez une application ou une clé d’accès pour accéder à votre espace.',
    'security.enrolLater': 'Plus tard',
  },
  en: {
    'fieldError.passkey_refused': 'The passkey was not accepted. Try again.',
    'fieldError.passkey_needs_script':
      'Adding a passkey is done by your browser: turn JavaScript on and try again.',
    'passkey.signIn': 'Use a passkey',
    'passkey.use': 'Use my passkey',
    'passkey.failed': 'The passkey was not accepted. Try again, or use another way.',
    'passkey.cancelled': 'The operation was cancelled or timed out. You can try again.',
    'passkey.unsupported': 'This browser cannot use passkeys (or JavaScript is off).',
    'passkeys.title': 'Passkeys',
    'passkeys.intro':
      'A passkey (your device’s fingerprint, face or PIN, or a security key) replaces the app’s code and lets you sign in without a password.',
    'passkeys.none': 'No passkey registered.',
    'passkeys.created': 'Added on {date}',
    'passkeys.lastUsed': 'last used on {date}',
    'passkeys.neverUsed': 'never used',
    'passkeys.synced': 'synced',
    'passkeys.name': 'Passkey name',
    'passkeys.nameHint': 'To recognise it: “Phone”, “USB key”…',
    'passkeys.rename': 'Rename',
    'passkeys.remove': 'Remove this passkey',
    'passkeys.add': 'Add a passkey',
    'passkeys.passwordHint': 'Not needed if you signed in less than 10 minutes ago.',
    'passkeys.added': 'The passkey was added.',
    'passkeys.removed': 'The passkey was removed.',
    'passkeys.renamed': 'The passkey was renamed.',
    'security.appTitle': 'Authenticator app',
    'security.appOn': 'An authenticator app is active.',
    'security.enrolBy':
      'Your provider asks for two-factor authentication on every account. Turn it on before {date}: after that date it will be required to reach your area.',
    'security.enrolOverdue':
      'Your provider requires two-factor authentication. Turn on an app or a passkey to reach your area.',
    'security.enrolLater': 'Later',
  },
});
