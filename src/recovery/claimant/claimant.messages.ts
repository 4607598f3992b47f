import { defineMessages } from '../../views/i18n/define-messages.ts';

/** The claimant's pages: French first, in the provider's own words; no-break spaces before « : ; ! ? ». */
export const recoveryClaimantMessages = defineMessages({
  fr: {
    'fieldError.recovery_hint_required':
      'Indiquez au moins un élément pour retrouver le compte\u00a0: numéro client, nom de domaine ou ancienne adresse e-mail.',
    'fieldError.recovery_kind_not_required': 'Cette pièce n’est pas demandée pour ce type de compte.',
    'fieldError.recovery_declaration_required': 'Cochez la case pour faire la déclaration sur l’honneur.',
    'fieldError.recovery_too_many_documents':
      'Ce dossier contient déjà le nombre maximal de fichiers. Contactez le support si vous devez en remplacer un.',

    'recovery.claimant.type.individual': 'Particulier',
    'recovery.claimant.type.company': 'Société',
    'recovery.claimant.type.association': 'Association',

    'recovery.claimant.intro.title': 'Récupérer l’accès à votre compte',
    'recovery.claimant.intro.lead':
      'Vous n’avez plus accès à l’adresse e-mail enregistrée sur votre fiche client (boîte fermée, ancien prestataire, ancien salarié…)\u00a0? Vous pouvez nous prouver que le compte est bien le vôtre et nous donner une nouvelle adresse. Chaque demande est examinée à la main par notre équipe support.',
    'recovery.claimant.intro.howTitle': 'Comment ça se passe',
    'recovery.claimant.intro.step1':
      'Vous indiquez le compte concerné, qui vous êtes et votre nouvelle adresse e-mail.',
    'recovery.claimant.intro.step2':
      'Vous confirmez cette adresse avec le code à 6\u00a0chiffres que nous y envoyons.',
    'recovery.claimant.intro.step3':
      'Vous déposez les justificatifs demandés pour votre type de compte et signez la déclaration sur l’honneur.',
    'recovery.claimant.intro.step4':
      'Notre équipe compare les pièces entre elles et avec la fiche client. Si la demande est acceptée, l’ancienne adresse est prévenue, puis vous recevez un lien pour choisir un nouveau mot de passe.',
    'recovery.claimant.intro.doubt':
      'Au moindre doute sur les pièces ou leur cohérence avec la fiche, la demande est refusée\u00a0: c’est ce qui protège votre compte contre l’usurpation.',
    'recovery.claimant.intro.whatTitle': 'Les pièces à fournir selon le type de compte',
    'recovery.claimant.intro.individual.1':
      'la copie d’une pièce d’identité en cours de validité (et son verso quand il porte la bande de lecture automatique\u00a0: carte d’identité depuis 2021, titre de séjour), avec une déclaration sur l’honneur que la copie est conforme\u00a0;',
    'recovery.claimant.intro.individual.2':
      'un courrier manuscrit, daté et signé, demandant la récupération du compte.',
    'recovery.claimant.intro.company.1': 'un extrait Kbis de moins de 3\u00a0mois\u00a0;',
    'recovery.claimant.intro.company.2':
      'la pièce d’identité de la personne indiquée sur la fiche (et son verso quand il porte la bande de lecture automatique), avec une déclaration sur l’honneur\u00a0;',
    'recovery.claimant.intro.company.3':
      'un courrier manuscrit signé expliquant la situation et indiquant la nouvelle adresse e-mail.',
    'recovery.claimant.intro.association.1':
      'les statuts à jour, mentionnant le président ou la présidente actuel(le)\u00a0;',
    'recovery.claimant.intro.association.2':
      'la pièce d’identité du président ou de la présidente, recto et verso, avec une déclaration sur l’honneur\u00a0;',
    'recovery.claimant.intro.association.3':
      'un courrier manuscrit signé par le président ou la présidente, demandant le changement d’adresse e-mail et de nouveaux accès.',
    'recovery.claimant.intro.privacy':
      'Vos pièces sont chiffrées, consultées uniquement par notre équipe support et supprimées {days}\u00a0{days|jour|jours} après la clôture du dossier.',
    'recovery.claimant.intro.chooseLegend': 'Quel est le type de votre compte\u00a0?',
    'recovery.claimant.intro.start': 'Commencer ma demande',
    'recovery.claimant.intro.forgot':
      'Vous avez encore accès à l’adresse e-mail de votre fiche\u00a0? Demandez simplement un lien de réinitialisation du mot de passe.',

    'recovery.claimant.new.title': 'Ouvrir une demande de récupération',
    'recovery.claimant.new.type': 'Type de compte\u00a0: {type}',
    'recovery.claimant.new.changeType': 'Changer de type de compte',
    'recovery.claimant.new.accountLegend': 'Le compte concerné',
    'recovery.claimant.new.accountHint':
      'Indiquez au moins un de ces éléments, tels que vous vous en souvenez. Nous ne vous dirons pas s’ils correspondent à un compte\u00a0: c’est notre équipe qui fait le rapprochement.',
    'recovery.claimant.new.clientNumber': 'Numéro client',
    'recovery.claimant.new.domain': 'Nom de domaine hébergé',
    'recovery.claimant.new.domainHint': 'Par exemple\u00a0: mon-site.fr',
    'recovery.claimant.new.formerEmail': 'Ancienne adresse e-mail du compte',
    'recovery.claimant.new.whoLegend': 'Qui êtes-vous\u00a0?',
    'recovery.claimant.new.whoHint.individual': 'Le titulaire du compte.',
    'recovery.claimant.new.whoHint.company': 'La personne indiquée sur la fiche de la société.',
    'recovery.claimant.new.whoHint.association': 'Le président ou la présidente de l’association.',
    'recovery.claimant.new.firstName': 'Prénom',
    'recovery.claimant.new.lastName': 'Nom',
    'recovery.claimant.new.legalName': 'Raison sociale',
    'recovery.claimant.new.siren': 'Numéro SIREN',
    'recovery.claimant.new.sirenHint': '9 chiffres, tels qu’ils figurent sur le Kbis.',
    'recovery.claimant.new.associationName': 'Nom de l’association',
    'recovery.claimant.new.emailLegend': 'Votre nouvelle adresse e-mail',
    'recovery.claimant.new.newEmail': 'Nouvelle adresse e-mail',
    'recovery.claimant.new.newEmailHint':
      'Une adresse à laquelle vous avez accès aujourd’hui. Nous y envoyons un code à 6\u00a0chiffres pour la confirmer.',
    'recovery.claimant.new.submit': 'Créer mon dossier',

    'recovery.claimant.case.title': 'Dossier {reference}',
    'recovery.claimant.case.status': 'État du dossier\u00a0: {status}',
    'recovery.claimant.case.keep':
      'Notez la référence {reference}. Pour revenir plus tard sur ce dossier, utilisez le lien que nous envoyons à votre nouvelle adresse une fois celle-ci confirmée.',
    'recovery.claimant.status.draft': 'en cours de constitution',
    'recovery.claimant.status.submitted': 'envoyé, en attente d’examen',
    'recovery.claimant.status.in_review': 'en cours d’examen par notre équipe',
    'recovery.claimant.status.awaiting_claimant': 'en attente de compléments de votre part',
    'recovery.claimant.status.approved': 'accepté, période d’opposition en cours',
    'recovery.claimant.status.completed': 'terminé\u00a0: l’accès a été transféré à votre nouvelle adresse',
    'recovery.claimant.status.rejected': 'refusé',
    'recovery.claimant.status.expired': 'expiré',
    'recovery.claimant.statusText.submitted':
      'Votre dossier est dans la file de notre équipe support. Nous vous écrirons à votre nouvelle adresse.',
    'recovery.claimant.statusText.in_review': 'Un membre de notre équipe examine vos pièces.',
    'recovery.claimant.statusText.awaiting_claimant':
      'Notre équipe a besoin d’éléments supplémentaires. Lisez son message, déposez les pièces demandées puis envoyez les compléments.',
    'recovery.claimant.statusText.approved':
      'Votre demande est acceptée. L’ancienne adresse du compte a été prévenue et dispose d’un délai pour s’y opposer\u00a0; à son terme, vous recevrez un lien pour choisir un nouveau mot de passe.',
    'recovery.claimant.statusText.completed':
      'L’adresse du compte est désormais votre nouvelle adresse. Utilisez le lien reçu par e-mail pour choisir votre mot de passe.',
    'recovery.claimant.statusText.rejected':
      'Votre demande a été refusée. Le motif vous a été envoyé par e-mail. Vous pouvez ouvrir une nouvelle demande avec d’autres pièces.',
    'recovery.claimant.statusText.expired':
      'Ce dossier a expiré faute d’activité. Vous pouvez ouvrir une nouvelle demande.',

    'recovery.claimant.step.email': 'Étape 1\u00a0: confirmer votre nouvelle adresse e-mail',
    'recovery.claimant.step.documents': 'Étape 2\u00a0: déposer les justificatifs',
    'recovery.claimant.step.declaration': 'Étape 3\u00a0: la déclaration sur l’honneur',
    'recovery.claimant.step.submit': 'Étape 4\u00a0: envoyer le dossier',
    'recovery.claimant.email.sent':
      'Nous avons envoyé un code à 6\u00a0chiffres à {email}. Il est valable 10\u00a0minutes. Pensez à regarder dans les indésirables.',
    'recovery.claimant.email.code': 'Code reçu par e-mail',
    'recovery.claimant.email.verify': 'Confirmer mon adresse',
    'recovery.claimant.email.resendHint':
      'Pas de message, ou code expiré\u00a0? Vous pouvez demander un nouveau code (au plus une fois par minute).',
    'recovery.claimant.email.resend': 'Recevoir un nouveau code',
    'recovery.claimant.email.done': 'Adresse confirmée\u00a0: {email}',

    'recovery.claimant.req.identity_front': 'Pièce d’identité (recto)',
    'recovery.claimant.req.identity_back': 'Pièce d’identité (verso)',
    'recovery.claimant.req.signed_letter': 'Courrier manuscrit signé',
    'recovery.claimant.req.kbis': 'Extrait Kbis de moins de 3 mois',
    'recovery.claimant.req.statutes': 'Statuts à jour',
    'recovery.claimant.req.new_email_verified': 'Nouvelle adresse e-mail confirmée',
    'recovery.claimant.req.declaration': 'Déclaration sur l’honneur',
    'recovery.claimant.doc.identity_front.individual':
      'Le recto de votre carte d’identité, passeport ou titre de séjour en cours de validité, entièrement lisible.',
    'recovery.claimant.doc.identity_front.company':
      'Le recto de la pièce d’identité en cours de validité de la personne indiquée sur la fiche de la société.',
    'recovery.claimant.doc.identity_front.association':
      'Le recto de la pièce d’identité en cours de validité du président ou de la présidente.',
    'recovery.claimant.doc.identity_back.association': 'Le verso de la même pièce d’identité.',
    'recovery.claimant.doc.identity_back.individual':
      'À joindre si votre pièce porte sa bande de lecture automatique au verso (carte d’identité depuis 2021, titre de séjour). Vous pouvez envoyer votre dossier sans.',
    'recovery.claimant.doc.identity_back.company':
      'À joindre si la pièce d’identité de la personne indiquée sur la fiche porte sa bande de lecture automatique au verso (carte d’identité depuis 2021, titre de séjour). Vous pouvez envoyer votre dossier sans.',
    'recovery.claimant.doc.signed_letter.individual':
      'Un courrier écrit à la main, daté et signé, dans lequel vous demandez à récupérer votre compte.',
    'recovery.claimant.doc.signed_letter.company':
      'Un courrier écrit à la main et signé par la personne indiquée sur la fiche, qui explique la situation et indique la nouvelle adresse e-mail.',
    'recovery.claimant.doc.signed_letter.association':
      'Un courrier écrit à la main et signé par le président ou la présidente, qui demande le changement d’adresse e-mail et de nouveaux accès.',
    'recovery.claimant.doc.kbis': 'Un extrait Kbis de la société daté de moins de 3\u00a0mois.',
    'recovery.claimant.doc.statutes':
      'Les statuts à jour de l’association, ou le dernier procès-verbal, où figure le président ou la présidente actuel(le).',
    'recovery.claimant.doc.received': 'Reçu ({count})',
    'recovery.claimant.doc.missing': 'À fournir',
    'recovery.claimant.doc.optional': 'Facultatif',
    'recovery.claimant.upload.legend': 'Déposer un fichier',
    'recovery.claimant.upload.kind': 'Quelle pièce envoyez-vous\u00a0?',
    'recovery.claimant.upload.optionalKind': '{kind} — facultatif',
    'recovery.claimant.upload.file': 'Fichier',
    'recovery.claimant.upload.fileHint':
      'PDF, JPEG ou PNG, 10\u00a0Mo au plus. Vous pouvez envoyer plusieurs fichiers pour une même pièce (plusieurs pages, recto et verso). Les PDF protégés par mot de passe sont refusés.',
    'recovery.claimant.upload.submit': 'Envoyer ce fichier',
    'recovery.claimant.upload.list': 'Fichiers reçus',
    'recovery.claimant.upload.item': '{kind}\u00a0: {mediaType}, {size}\u00a0Ko, reçu le {date}',

    'recovery.claimant.declaration.text':
      'Je déclare sur l’honneur être la personne indiquée dans ce dossier, être habilité(e) à demander l’accès à ce compte, et que les copies de documents fournies sont conformes aux originaux. Je sais qu’une fausse déclaration est punie par la loi (article 441-7 du Code pénal).',
    'recovery.claimant.declaration.accept': 'Je fais cette déclaration sur l’honneur',
    'recovery.claimant.declaration.fullName': 'Vos prénom et nom complets',
    'recovery.claimant.declaration.recorded':
      'La date, l’heure et l’adresse IP de votre connexion ({ip}) sont enregistrées avec votre déclaration.',
    'recovery.claimant.declaration.done': 'Déclaration enregistrée le {date} au nom de {name}.',
    'recovery.claimant.declaration.submit': 'Enregistrer ma déclaration',
    'recovery.claimant.declaration.replace': 'Refaire la déclaration',

    'recovery.claimant.submit.missing': 'Il manque encore\u00a0:',
    'recovery.claimant.submit.ready':
      'Tout y est. Relisez vos pièces puis envoyez le dossier à notre équipe.',
    'recovery.claimant.submit.button': 'Envoyer mon dossier',
    'recovery.claimant.submit.complements': 'Envoyer les compléments',

    'recovery.claimant.info.title': 'Message de notre équipe support',
    'recovery.claimant.timeline.title': 'Historique du dossier',
    'recovery.claimant.event.case_created': 'Dossier ouvert',
    'recovery.claimant.event.email_verified': 'Nouvelle adresse e-mail confirmée',
    'recovery.claimant.event.document_added': 'Fichier reçu',
    'recovery.claimant.event.declaration_recorded': 'Déclaration sur l’honneur enregistrée',
    'recovery.claimant.event.submitted': 'Dossier envoyé à notre équipe',
    'recovery.claimant.event.assigned': 'Examen commencé',
    'recovery.claimant.event.info_requested': 'Compléments demandés',
    'recovery.claimant.event.rejected': 'Demande refusée',
    'recovery.claimant.event.approved': 'Demande acceptée',
    'recovery.claimant.event.objected': 'Opposition reçue, nouvel examen',
    'recovery.claimant.event.completed': 'Accès transféré',
    'recovery.claimant.event.expired': 'Dossier expiré',
    'recovery.claimant.event.other': 'Mise à jour du dossier',

    'recovery.claimant.notice.verified':
      'Votre adresse e-mail est confirmée. Nous vous y avons envoyé le lien de ce dossier.',
    'recovery.claimant.notice.code-sent': 'Un nouveau code vient de vous être envoyé.',
    'recovery.claimant.notice.document-added': 'Fichier bien reçu.',
    'recovery.claimant.notice.declaration': 'Votre déclaration sur l’honneur est enregistrée.',
    'recovery.claimant.notice.submitted':
      'Votre dossier est envoyé. Nous vous avons écrit pour confirmer sa réception.',
    'recovery.claimant.notice.created': 'Votre dossier est ouvert. Suivez les étapes ci-dessous.',

    'recovery.claimant.access.title': 'Reprendre votre dossier',
    'recovery.claimant.access.text':
      'Ce lien ouvre le dossier {reference} dans ce navigateur. Ne continuez que si vous avez vous-même demandé cette récupération de compte.',
    'recovery.claimant.access.open': 'Ouvrir mon dossier',
    'recovery.claimant.notFound.title': 'Dossier introuvable',
    'recovery.claimant.notFound.text':
      'Ce lien ne permet pas d’ouvrir un dossier\u00a0: il est incomplet, ou il a été ouvert dans un autre navigateur. Utilisez le lien reçu par e-mail pour revenir sur votre dossier.',
    'recovery.claimant.notFound.start': 'Ouvrir une nouvelle demande',
  },
  en: {
    'fieldError.recovery_hint_required':
      'Give at least one way to find the account: client number, domain name or former email address.',
    'fieldError.recovery_kind_not_required': 'This document is not asked for this type of account.',
    'fieldError.recovery_declaration_required': 'Tick the box to make the sworn statement.',
    'fieldError.recovery_too_many_documents':
      'This case already holds the maximum number of files. Contact support if you need to replace one.',

    'recovery.claimant.type.individual': 'Individual',
    'recovery.claimant.type.company': 'Company',
    'recovery.claimant.type.association': 'Association',

    'recovery.claimant.intro.title': 'Recover access to your account',
    'recovery.claimant.intro.lead':
      'No longer have access to the email address on your customer record (closed mailbox, former provider, former employee…)? You can prove the account is yours and give us a new address. Our support team reviews every request by hand.',
    'recovery.claimant.intro.howTitle': 'How it works',
    'recovery.claimant.intro.step1': 'You tell us which account, who you are and your new email address.',
    'recovery.claimant.intro.step2': 'You confirm that address with the 6-digit code we send to it.',
    'recovery.claimant.intro.step3':
      'You upload the documents required for your type of account and sign the sworn statement.',
    'recovery.claimant.intro.step4':
      'Our team checks the documents against each other and against the customer record. If the request is accepted, the former address is notified, then you receive a link to choose a new password.',
    'recovery.claimant.intro.doubt':
      'At the slightest doubt about the documents or their consistency with the record, the request is refused: this is what protects your account from impersonation.',
    'recovery.claimant.intro.whatTitle': 'Documents to provide, by type of account',
    'recovery.claimant.intro.individual.1':
      'a copy of a valid identity document (and its back when it carries the machine-readable zone: ID cards since 2021, residence permits), with a sworn statement that the copy is genuine;',
    'recovery.claimant.intro.individual.2':
      'a handwritten, dated and signed letter asking to recover the account.',
    'recovery.claimant.intro.company.1': 'a Kbis extract less than 3 months old;',
    'recovery.claimant.intro.company.2':
      'the identity document of the person named on the record (and its back when it carries the machine-readable zone), with a sworn statement;',
    'recovery.claimant.intro.company.3':
      'a handwritten signed letter explaining the situation and giving the new email address.',
    'recovery.claimant.intro.association.1': 'the current statutes, naming the current president;',
    'recovery.claimant.intro.association.2':
      'the president’s identity document, front and back, with a sworn statement;',
    'recovery.claimant.intro.association.3':
      'a handwritten letter signed by the president, asking for the email change and new access.',
    'recovery.claimant.intro.privacy':
      'Your documents are encrypted, seen only by our support team and deleted {days} {days|day|days} after the case is closed.',
    'recovery.claimant.intro.chooseLegend': 'What type of account is it?',
    'recovery.claimant.intro.start': 'Start my request',
    'recovery.claimant.intro.forgot':
      'Still have access to the email address on your record? Simply ask for a password reset link.',

    'recovery.claimant.new.title': 'Open a recovery request',
    'recovery.claimant.new.type': 'Type of account: {type}',
    'recovery.claimant.new.changeType': 'Change the type of account',
    'recovery.claimant.new.accountLegend': 'The account',
    'recovery.claimant.new.accountHint':
      'Give at least one of these, as you remember them. We will not tell you whether they match an account: our team does the matching.',
    'recovery.claimant.new.clientNumber': 'Client number',
    'recovery.claimant.new.domain': 'Hosted domain name',
    'recovery.claimant.new.domainHint': 'For example: my-site.com',
    'recovery.claimant.new.formerEmail': 'Former email address of the account',
    'recovery.claimant.new.whoLegend': 'Who are you?',
    'recovery.claimant.new.whoHint.individual': 'The account holder.',
    'recovery.claimant.new.whoHint.company': 'The person named on the company’s record.',
    'recovery.claimant.new.whoHint.association': 'The association’s president.',
    'recovery.claimant.new.firstName': 'First name',
    'recovery.claimant.new.lastName': 'Last name',
    'recovery.claimant.new.legalName': 'Company name',
    'recovery.claimant.new.siren': 'SIREN number',
    'recovery.claimant.new.sirenHint': '9 digits, as shown on the Kbis.',
    'recovery.claimant.new.associationName': 'Association name',
    'recovery.claimant.new.emailLegend': 'Your new email address',
    'recovery.claimant.new.newEmail': 'New email address',
    'recovery.claimant.new.newEmailHint':
      'An address you can read today. We send a 6-digit code to it to confirm it.',
    'recovery.claimant.new.submit': 'Create my case',

    'recovery.claimant.case.title': 'Case {reference}',
    'recovery.claimant.case.status': 'Case status: {status}',
    'recovery.claimant.case.keep':
      'Write down the reference {reference}. To come back to this case later, use the link we send to your new address once it is confirmed.',
    'recovery.claimant.status.draft': 'being put together',
    'recovery.claimant.status.submitted': 'sent, waiting for review',
    'recovery.claimant.status.in_review': 'being reviewed by our team',
    'recovery.claimant.status.awaiting_claimant': 'waiting for more information from you',
    'recovery.claimant.status.approved': 'accepted, objection period running',
    'recovery.claimant.status.completed': 'completed: access was given to your new address',
    'recovery.claimant.status.rejected': 'refused',
    'recovery.claimant.status.expired': 'expired',
    'recovery.claimant.statusText.submitted':
      'Your case is in our support team’s queue. We will write to you at your new address.',
    'recovery.claimant.statusText.in_review': 'A member of our team is reviewing your documents.',
    'recovery.claimant.statusText.awaiting_claimant':
      'Our team needs more information. Read their message, upload the documents asked for, then send the additional documents.',
    'recovery.claimant.statusText.approved':
      'Your request is accepted. The account’s former address was notified and has some time to object; after that, you will receive a link to choose a new password.',
    'recovery.claimant.statusText.completed':
      'The account’s address is now your new address. Use the link you received by email to choose your password.',
    'recovery.claimant.statusText.rejected':
      'Your request was refused. The reason was sent to you by email. You may open a new request with other documents.',
    'recovery.claimant.statusText.expired':
      'This case expired for lack of activity. You may open a new request.',

    'recovery.claimant.step.email': 'Step 1: confirm your new email address',
    'recovery.claimant.step.documents': 'Step 2: upload the documents',
    'recovery.claimant.step.declaration': 'Step 3: the sworn statement',
    'recovery.claimant.step.submit': 'Step 4: send the case',
    'recovery.claimant.email.sent':
      'We sent a 6-digit code to {email}. It is valid for 10 minutes. Remember to look in your spam folder.',
    'recovery.claimant.email.code': 'Code received by email',
    'recovery.claimant.email.verify': 'Confirm my address',
    'recovery.claimant.email.resendHint':
      'No message, or code expired? You can ask for a new code (at most once a minute).',
    'recovery.claimant.email.resend': 'Get a new code',
    'recovery.claimant.email.done': 'Address confirmed: {email}',

    'recovery.claimant.req.identity_front': 'Identity document (front)',
    'recovery.claimant.req.identity_back': 'Identity document (back)',
    'recovery.claimant.req.signed_letter': 'Handwritten signed letter',
    'recovery.claimant.req.kbis': 'Kbis extract less than 3 months old',
    'recovery.claimant.req.statutes': 'Current statutes',
    'recovery.claimant.req.new_email_verified': 'New email address confirmed',
    'recovery.claimant.req.declaration': 'Sworn statement',
    'recovery.claimant.doc.identity_front.individual':
      'The front of your valid identity card, passport or residence permit, fully legible.',
    'recovery.claimant.doc.identity_front.company':
      'The front of the valid identity document of the person named on the company’s record.',
    'recovery.claimant.doc.identity_front.association':
      'The front of the president’s valid identity document.',
    'recovery.claimant.doc.identity_back.association': 'The back of the same identity document.',
    'recovery.claimant.doc.identity_back.individual':
      'Add it if your document carries its machine-readable zone on the back (identity card issued since 2021, residence permit). You can send your case without it.',
    'recovery.claimant.doc.identity_back.company':
      'Add it if the identity document of the person named on the company’s record carries its machine-readable zone on the back (identity card issued since 2021, residence permit). You can send your case without it.',
    'recovery.claimant.doc.signed_letter.individual':
      'A handwritten, dated and signed letter in which you ask to recover your account.',
    'recovery.claimant.doc.signed_letter.company':
      'A handwritten letter signed by the person named on the record, explaining the situation and giving the new email address.',
    'recovery.claimant.doc.signed_letter.association':
      'A handwritten letter signed by the president, asking for the email change and new access.',
    'recovery.claimant.doc.kbis': 'A Kbis extract of the company dated less than 3 months ago.',
    'recovery.claimant.doc.statutes':
      'The association’s current statutes, or the latest minutes, naming the current president.',
    'recovery.claimant.doc.received': 'Received ({count})',
    'recovery.claimant.doc.missing': 'To provide',
    'recovery.claimant.doc.optional': 'Optional',
    'recovery.claimant.upload.legend': 'Upload a file',
    'recovery.claimant.upload.kind': 'Which document are you sending?',
    'recovery.claimant.upload.optionalKind': '{kind} — optional',
    'recovery.claimant.upload.file': 'File',
    'recovery.claimant.upload.fileHint':
      'PDF, JPEG or PNG, 10 MB at most. You may send several files for one document (several pages, front and back). Password-protected PDFs are refused.',
    'recovery.claimant.upload.submit': 'Send this file',
    'recovery.claimant.upload.list': 'Files received',
    'recovery.claimant.upload.item': '{kind}: {mediaType}, {size} KB, received on {date}',

    'recovery.claimant.declaration.text':
      'I solemnly declare that I am the person named in this case, that I am entitled to ask for access to this account, and that the copies of documents provided are true to the originals. I know that a false statement is punishable by law (article 441-7 of the French Criminal Code).',
    'recovery.claimant.declaration.accept': 'I make this sworn statement',
    'recovery.claimant.declaration.fullName': 'Your full first and last name',
    'recovery.claimant.declaration.recorded':
      'The date, time and IP address of your connection ({ip}) are recorded with your statement.',
    'recovery.claimant.declaration.done': 'Statement recorded on {date} in the name of {name}.',
    'recovery.claimant.declaration.submit': 'Record my statement',
    'recovery.claimant.declaration.replace': 'Make the statement again',

    'recovery.claimant.submit.missing': 'Still missing:',
    'recovery.claimant.submit.ready':
      'Everything is there. Check your documents, then send the case to our team.',
    'recovery.claimant.submit.button': 'Send my case',
    'recovery.claimant.submit.complements': 'Send the additional documents',

    'recovery.claimant.info.title': 'Message from our support team',
    'recovery.claimant.timeline.title': 'Case history',
    'recovery.claimant.event.case_created': 'Case opened',
    'recovery.claimant.event.email_verified': 'New email address confirmed',
    'recovery.claimant.event.document_added': 'File received',
    'recovery.claimant.event.declaration_recorded': 'Sworn statement recorded',
    'recovery.claimant.event.submitted': 'Case sent to our team',
    'recovery.claimant.event.assigned': 'Review started',
    'recovery.claimant.event.info_requested': 'More information requested',
    'recovery.claimant.event.rejected': 'Request refused',
    'recovery.claimant.event.approved': 'Request accepted',
    'recovery.claimant.event.objected': 'Objection received, new review',
    'recovery.claimant.event.completed': 'Access transferred',
    'recovery.claimant.event.expired': 'Case expired',
    'recovery.claimant.event.other': 'Case updated',

    'recovery.claimant.notice.verified':
      'Your email address is confirmed. We sent you the link to this case.',
    'recovery.claimant.notice.code-sent': 'A new code has just been sent to you.',
    'recovery.claimant.notice.document-added': 'File received.',
    'recovery.claimant.notice.declaration': 'Your sworn statement is recorded.',
    'recovery.claimant.notice.submitted': 'Your case is sent. We wrote to you to confirm we received it.',
    'recovery.claimant.notice.created': 'Your case is open. Follow the steps below.',

    'recovery.claimant.access.title': 'Resume your case',
    'recovery.claimant.access.text':
      'This link opens case {reference} in this browser. Only go on if you asked for this account recovery yourself.',
    'recovery.claimant.access.open': 'Open my case',
    'recovery.claimant.notFound.title': 'Case not found',
    'recovery.claimant.notFound.text':
      'This link does not open a case: it is incomplete, or it was opened in another browser. Use the link you received by email to come back to your case.',
    'recovery.claimant.notFound.start': 'Open a new request',
  },
});
