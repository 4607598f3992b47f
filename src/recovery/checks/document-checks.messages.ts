import { defineMessages } from '../../views/i18n/define-messages.ts';

// Flag labels use the review page's key scheme (`recovery.staff.flag.<code>`, code `check:<name>`),
// so the flags section and the approval blockers say which check failed.
export const documentChecksMessages = defineMessages({
  fr: {
    'documentChecks.title': 'Contrôles automatiques des pièces',
    'recovery.staff.event.checks_run': 'Contrôles automatiques des pièces faits',
    'documentChecks.help':
      'Une aide à la lecture, jamais la décision\u00a0: un échec lève une alerte qui bloque l’approbation jusqu’à ce qu’un superviseur dise pourquoi il est acceptable\u00a0; un contrôle qui n’a pas pu être fait n’est jamais un succès.',
    'documentChecks.none': 'Aucun contrôle n’a encore été fait sur ce dossier.',
    'documentChecks.pending':
      'Des contrôles sont en attente (documents ou compte modifiés)\u00a0; ils seront faits sous peu.',
    'documentChecks.checkedAt': 'Contrôlé le {date}',
    'documentChecks.outcome.pass': 'conforme',
    'documentChecks.outcome.fail': 'à vérifier\u00a0: échec',
    'documentChecks.outcome.not_run': 'n’a pas pu être vérifié',
    'documentChecks.acrossPieces': 'Entre les pièces',
    'documentChecks.rule': 'Règle',
    'documentChecks.read': 'Lu',
    'documentChecks.expected': 'Attendu',
    'documentChecks.found': 'Trouvé',
    'documentChecks.reason': 'Pourquoi',
    'documentChecks.nothingRead': '(rien)',
    'documentChecks.evidencePurged': 'Ce que le contrôle a lu a été supprimé avec les documents.',
    // The MRZ format in words (identity_mrz_found stores its code): the agent knows which document it is.
    'documentChecks.mrzFormat.TD1': 'carte au format TD1 (carte d’identité 2021, titre de séjour)',
    'documentChecks.mrzFormat.TD2':
      'document au format TD2 (deux lignes de 36 caractères\u00a0: carte ou titre étranger)',
    'documentChecks.mrzFormat.TD3': 'passeport (format TD3)',
    'documentChecks.mrzFormat.FRENCH_NATIONAL_ID': 'carte d’identité française de 1988',
    'documentChecks.check.identity_mrz_found':
      'La pièce d’identité porte une zone de lecture automatique (MRZ) lisible.',
    'documentChecks.check.identity_mrz_check_digits': 'Les chiffres de contrôle de la MRZ sont justes.',
    'documentChecks.check.identity_not_expired': 'La pièce d’identité n’est pas expirée.',
    'documentChecks.check.identity_name_matches': 'Le nom de la MRZ est celui de la personne attendue.',
    'documentChecks.check.kbis_siren_matches':
      'Le SIREN du Kbis (clé de Luhn, exception La Poste) est celui de la fiche.',
    'documentChecks.check.kbis_name_matches':
      'La dénomination du Kbis est celle de la fiche (forme juridique ignorée).',
    'documentChecks.check.kbis_recent': 'L’extrait Kbis date de 3 mois au plus.',
    'documentChecks.check.statutes_name_matches':
      'Le nom de l’association dans les statuts est celui de la fiche.',
    'documentChecks.check.statutes_president_matches':
      'Le président des statuts est la personne de la pièce d’identité ou de la fiche.',
    'documentChecks.check.statutes_recent':
      'Les statuts datent de 3 ans au plus (adoption, mise à jour ou assemblée générale).',
    'documentChecks.check.letter_names_new_email': 'Le courrier indique la nouvelle adresse e-mail.',
    'documentChecks.check.pieces_same_person':
      'La même personne figure sur la pièce d’identité, la fiche et la signature du courrier.',
    'recovery.staff.flag.check:identity_mrz_found':
      'Contrôle en échec\u00a0: pas de MRZ lisible sur la pièce d’identité',
    'recovery.staff.flag.check:identity_mrz_check_digits':
      'Contrôle en échec\u00a0: chiffres de contrôle de la MRZ faux',
    'recovery.staff.flag.check:identity_not_expired': 'Contrôle en échec\u00a0: pièce d’identité expirée',
    'recovery.staff.flag.check:identity_name_matches':
      'Contrôle en échec\u00a0: le nom de la pièce d’identité diffère',
    'recovery.staff.flag.check:kbis_siren_matches':
      'Contrôle en échec\u00a0: le SIREN du Kbis diffère de la fiche',
    'recovery.staff.flag.check:kbis_name_matches':
      'Contrôle en échec\u00a0: la dénomination du Kbis diffère de la fiche',
    'recovery.staff.flag.check:kbis_recent': 'Contrôle en échec\u00a0: Kbis de plus de 3 mois ou sans date',
    'recovery.staff.flag.check:statutes_name_matches':
      'Contrôle en échec\u00a0: le nom de l’association diffère',
    'recovery.staff.flag.check:statutes_president_matches':
      'Contrôle en échec\u00a0: le président des statuts diffère',
    'recovery.staff.flag.check:statutes_recent': 'Contrôle en échec\u00a0: statuts anciens ou sans date',
    'recovery.staff.flag.check:letter_names_new_email':
      'Contrôle en échec\u00a0: le courrier ne donne pas la nouvelle adresse',
    'recovery.staff.flag.check:pieces_same_person':
      'Contrôle en échec\u00a0: les pièces ne nomment pas la même personne',
  },
  en: {
    'documentChecks.title': 'Automatic document checks',
    'recovery.staff.event.checks_run': 'Automatic document checks run',
    'documentChecks.help':
      'A reading aid, never the decision: a failure raises a flag that blocks approval until a supervisor records why it is acceptable; a check that could not run is never a pass.',
    'documentChecks.none': 'No check has run on this case yet.',
    'documentChecks.pending': 'Checks are pending (documents or account changed); they will run shortly.',
    'documentChecks.checkedAt': 'Checked on {date}',
    'documentChecks.outcome.pass': 'conforms',
    'documentChecks.outcome.fail': 'to verify: failed',
    'documentChecks.outcome.not_run': 'could not be checked',
    'documentChecks.acrossPieces': 'Across documents',
    'documentChecks.rule': 'Rule',
    'documentChecks.read': 'Read',
    'documentChecks.expected': 'Expected',
    'documentChecks.found': 'Found',
    'documentChecks.reason': 'Why',
    'documentChecks.nothingRead': '(nothing)',
    'documentChecks.evidencePurged': 'What the check read was deleted with the documents.',
    'documentChecks.mrzFormat.TD1': 'TD1-format card (2021 French identity card, residence permit)',
    'documentChecks.mrzFormat.TD2':
      'TD2-format document (two lines of 36 characters: foreign card or permit)',
    'documentChecks.mrzFormat.TD3': 'passport (TD3 format)',
    'documentChecks.mrzFormat.FRENCH_NATIONAL_ID': 'French identity card, 1988 model',
    'documentChecks.check.identity_mrz_found':
      'The identity document has a readable machine-readable zone (MRZ).',
    'documentChecks.check.identity_mrz_check_digits': 'The MRZ check digits are right.',
    'documentChecks.check.identity_not_expired': 'The identity document has not expired.',
    'documentChecks.check.identity_name_matches': 'The MRZ name is the expected person’s.',
    'documentChecks.check.kbis_siren_matches':
      'The Kbis SIREN (Luhn key, La Poste exception) is the record’s.',
    'documentChecks.check.kbis_name_matches': 'The Kbis company name is the record’s (legal form aside).',
    'documentChecks.check.kbis_recent': 'The Kbis extract is at most 3 months old.',
    'documentChecks.check.statutes_name_matches': 'The association name in the statutes is the record’s.',
    'documentChecks.check.statutes_president_matches':
      'The president named by the statutes is the person of the identity document or the record.',
    'documentChecks.check.statutes_recent':
      'The statutes are at most 3 years old (adoption, update or general meeting).',
    'documentChecks.check.letter_names_new_email': 'The letter gives the new email address.',
    'documentChecks.check.pieces_same_person':
      'The identity document, the record and the letter’s signature name one person.',
    'recovery.staff.flag.check:identity_mrz_found': 'Failed check: no readable MRZ on the identity document',
    'recovery.staff.flag.check:identity_mrz_check_digits': 'Failed check: wrong MRZ check digits',
    'recovery.staff.flag.check:identity_not_expired': 'Failed check: expired identity document',
    'recovery.staff.flag.check:identity_name_matches': 'Failed check: the identity document’s name differs',
    'recovery.staff.flag.check:kbis_siren_matches': 'Failed check: the Kbis SIREN differs from the record',
    'recovery.staff.flag.check:kbis_name_matches':
      'Failed check: the Kbis company name differs from the record',
    'recovery.staff.flag.check:kbis_recent': 'Failed check: Kbis older than 3 months or undated',
    'recovery.staff.flag.check:statutes_name_matches': 'Failed check: the association name differs',
    'recovery.staff.flag.check:statutes_president_matches':
      'Failed check: the president in the statutes differs',
    'recovery.staff.flag.check:statutes_recent': 'Failed check: old or undated statutes',
    'recovery.staff.flag.check:letter_names_new_email':
      'Failed check: the letter does not give the new address',
    'recovery.staff.flag.check:pieces_same_person': 'Failed check: the documents do not name the same person',
  },
});
