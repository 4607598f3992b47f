import type { Translate } from '../../views/i18n/index.ts';
import type { DocumentMediaType } from './document-kinds.ts';

/**
 * Display helpers for document metadata, shared by the claimant's and the staff's pages.
 * @example describeDocument(t, { mediaType: 'application/pdf', size: 250_000, pageCount: 2 }) // 'PDF, 244 Ko, 2 pages'
 */

export function formatDocumentSize(t: Translate, bytes: number): string {
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024) return t('documents.size.kilobytes', { size: Math.max(1, Math.round(kilobytes)) });
  // One decimal; the catalogue places the decimal separator (« 1,5 Mo », "1.5 MB").
  const tenthsOfMegabytes = Math.round((kilobytes / 1024) * 10);
  return t('documents.size.megabytes', {
    units: Math.floor(tenthsOfMegabytes / 10),
    tenths: tenthsOfMegabytes % 10,
  });
}

export function describeDocument(
  t: Translate,
  document: { mediaType: DocumentMediaType; size: number; pageCount: number | null },
): string {
  const parts = [t(`documents.mediaType.${document.mediaType}`), formatDocumentSize(t, document.size)];
  if (document.pageCount !== null)
    parts.push(
      document.pageCount === 1
        ? t('documents.pages.one')
        : t('documents.pages.many', { count: document.pageCount }),
    );
  return parts.join(', ');
}
