import { fileTypeFromBuffer } from 'file-type';

/**
 * The media type of a file by its magic bytes, when it is one of `accepted`; null otherwise. The
 * client's filename and Content-Type are never consulted: a text file named `.pdf` sent as
 * application/pdf is refused here. The caller's domain says which types it accepts.
 * @example await sniffMediaType(await readFile('scan.jpg'), ['application/pdf', 'image/jpeg']) // 'image/jpeg'
 */
export async function sniffMediaType<T extends string>(
  bytes: Uint8Array,
  accepted: readonly T[],
): Promise<T | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return null;
  return (accepted as readonly string[]).includes(detected.mime) ? (detected.mime as T) : null;
}
