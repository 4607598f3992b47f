import { defineMessages } from '../../views/i18n/define-messages.ts';

// French typography: no-break space (U+00A0) before « : » and inside « », narrow no-break space
// (U+202F) before ; ! ? — written as escapes so they stay visible in review.
export const documentsMessages = defineMessages({
  fr: {
    'documents.mediaType.application/pdf': 'PDF',
    'documents.mediaType.image/jpeg': 'Image JPEG',
    'documents.mediaType.image/png': 'Image PNG',
    'documents.scanStatus.clean': 'Analysé par l’antivirus',
    'documents.scanStatus.not_scanned': 'Non analysé par un antivirus',
    'documents.upload.fileLabel': 'Fichier',
    'documents.upload.accepted': 'Formats acceptés\u00a0: PDF, JPEG ou PNG, 10\u00a0Mo au plus par fichier.',
    'documents.upload.advice':
      'Photographiez ou numérisez le document en entier, à plat et bien lisible. Les PDF protégés par un mot de passe sont refusés\u202f; les photos sont réenregistrées sans leurs métadonnées (position GPS comprise).',
    'documents.size.kilobytes': '{size}\u00a0Ko',
    'documents.size.megabytes': '{units},{tenths}\u00a0Mo',
    'documents.pages.one': '1\u00a0page',
    'documents.pages.many': '{count}\u00a0pages',
    'documents.unnamed': 'Document sans nom',
    'documents.preview.alt': 'Aperçu de «\u00a0{name}\u00a0»',
    'documents.preview.unavailable': 'Aperçu indisponible pour ce document.',
    'documents.purged': 'Document supprimé à la fin de la durée de conservation',
  },
  en: {
    'documents.mediaType.application/pdf': 'PDF',
    'documents.mediaType.image/jpeg': 'JPEG image',
    'documents.mediaType.image/png': 'PNG image',
    'documents.scanStatus.clean': 'Scanned by the antivirus',
    'documents.scanStatus.not_scanned': 'Not scanned by an antivirus',
    'documents.upload.fileLabel': 'File',
    'documents.upload.accepted': 'Accepted formats: PDF, JPEG or PNG, 10 MB at most per file.',
    'documents.upload.advice':
      'Photograph or scan the whole document, flat and clearly legible. Password-protected PDFs are refused; photos are saved again without their metadata (GPS position included).',
    'documents.size.kilobytes': '{size} KB',
    'documents.size.megabytes': '{units}.{tenths} MB',
    'documents.pages.one': '1 page',
    'documents.pages.many': '{count} pages',
    'documents.unnamed': 'Unnamed document',
    'documents.preview.alt': 'Preview of “{name}”',
    'documents.preview.unavailable': 'No preview is available for this document.',
    'documents.purged': 'Document deleted at the end of the retention period',
  },
});
