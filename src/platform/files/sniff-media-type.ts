import { fileTypeFromBuffer } from 'file-type';
import { type DocumentMediaType, documentMediaTypes } from '../../recovery/documents/document-kinds.ts';

/**
 * The media type of a document by its magic bytes, or null when it is not one we accept (PDF,
 * JPEG, PNG). The client's filename and Content-Type are never consulted: a text file named
 * `.pdf` sent as application/pdf is refused here.
 * @example await sniffDocumentMediaType(await readFile('scan.jpg')) // 'image/jpeg'
 */
export async function sniffDocumentMediaType(bytes: Uint8Array): Promise<DocumentMediaType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return null;
  return (documentMediaTypes as readonly string[]).includes(detected.mime)
    ? (detected.mime as DocumentMediaType)
    : null;
}
