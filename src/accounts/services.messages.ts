import { defineMessages } from '../views/i18n/define-messages.ts';

export const servicesMessages = defineMessages({
  fr: {
    'account.services.title': 'Mes services',
    'account.services.empty': 'Aucun service n’est rattaché à votre compte pour le moment.',
    'account.services.service': 'Service',
    'account.services.kind': 'Type',
    'account.services.panelUsername': 'Identifiant du panneau d’hébergement',
    'account.services.kind.hosting': 'Hébergement',
    'account.services.kind.domain': 'Nom de domaine',
    'account.services.asciiForm': 'forme technique\u00a0: {name}',
    'account.services.webmasterNote':
      'Votre webmaster a besoin d’un accès\u00a0? Donnez-lui l’identifiant du panneau d’hébergement, jamais celui de votre espace client\u00a0: l’espace client est personnel et permet de modifier votre fiche et vos accès.',
    'fieldError.invalid_domain': 'Ce nom de domaine n’est pas valide (par exemple\u00a0: exemple.fr).',
    'fieldError.domain_taken': 'Ce nom de domaine est déjà rattaché à un compte.',
    'fieldError.invalid_panel_username':
      'Cet identifiant n’est pas valide (2 à 32 caractères\u00a0: lettres minuscules, chiffres, « . », « _ » ou « - », en commençant par une lettre).',
    'fieldError.panel_username_hosting_only':
      'Un identifiant du panneau d’hébergement ne s’applique qu’à un hébergement, pas à un nom de domaine.',
  },
  en: {
    'account.services.title': 'My services',
    'account.services.empty': 'No service is attached to your account yet.',
    'account.services.service': 'Service',
    'account.services.kind': 'Type',
    'account.services.panelUsername': 'Hosting panel user name',
    'account.services.kind.hosting': 'Hosting',
    'account.services.kind.domain': 'Domain name',
    'account.services.asciiForm': 'technical form: {name}',
    'account.services.webmasterNote':
      'Does your webmaster need access? Give them the hosting panel user name, never your customer area sign-in: the customer area is personal and controls your record and your access.',
    'fieldError.invalid_domain': 'This domain name is not valid (for example: example.com).',
    'fieldError.domain_taken': 'This domain name is already attached to an account.',
    'fieldError.invalid_panel_username':
      'This user name is not valid (2 to 32 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter).',
    'fieldError.panel_username_hosting_only':
      'A panel user name only applies to hosting, not to a domain name.',
  },
});
