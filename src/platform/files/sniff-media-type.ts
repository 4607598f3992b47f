import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

// file-type's own sample size (its reasonableDetectionSizeInBytes, not exported by its Node entry).
const SNIFF_SAMPLE_BYTES = 4100;

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

/**
 * Sniffs a stream from its first bytes only (file-type's sample size, 4100 bytes: PDF, JPEG and
 * PNG are told apart well within it) and hands back a stream of the whole file, those first bytes
 * included, still unread past them. `empty` when the source had no byte at all.
 * Not file-type's `fileTypeStream`: it samples whatever the first read returns, which on a
 * multipart upload can be a handful of bytes.
 * @example const { mediaType, stream } = await sniffStreamMediaType(upload, ['application/pdf']);
 */
export async function sniffStreamMediaType<T extends string>(
  source: AsyncIterable<Uint8Array>,
  accepted: readonly T[],
): Promise<{ mediaType: T | null; empty: boolean; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const mediaType = headBytes === 0 ? null : await sniffMediaType(sample, accepted);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (sample.length > 0) yield sample;
    if (ended) return;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Stopped early (a refusal downstream): the source is released too, not left paused.
      await iterator.return?.();
    }
  }
  return { mediaType, empty: headBytes === 0, stream: Readable.from(replay(), { objectMode: false }) };
}
