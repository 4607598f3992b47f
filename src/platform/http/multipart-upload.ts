import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { MAX_DOCUMENT_BYTES } from '../files/limits.ts';
import { AppError, validationError } from './errors.ts';
import { hasForbiddenCharacters } from './input-characters.ts';

/** The file part of an upload, while it arrives: `stream` ends with an error past MAX_DOCUMENT_BYTES. */
export type MultipartFile = { filename: string | null; stream: Readable };

/** What `onFile` made of the file (null when there was none), and the text fields. */
export type MultipartUpload<T> = { fields: Record<string, string>; file: T | null };

/**
 * Reads an upload, calling `onFile` on its file part with the fields received before it; a domain
 * function takes this rather than a request. `readMultipartUpload` is the one for HTTP requests.
 */
export type UploadReader = <T>(
  onFile: (file: MultipartFile, fieldsBefore: Readonly<Record<string, string>>) => Promise<T>,
) => Promise<MultipartUpload<T>>;

// @fastify/multipart's limit errors (fileSize, files, fields, parts, field size): all "too large".
const TOO_LARGE_CODES = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
  'FST_PARTS_LIMIT',
]);

/** Maps what the multipart parser throws to our error catalogue; AppErrors pass through. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TOO_LARGE_CODES.has(code)) return new AppError('PAYLOAD_TOO_LARGE');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  // Anything else is a body busboy could not parse (no boundary, truncated part, proto names…).
  return new AppError('VALIDATION_FAILED');
}

/**
 * Counts a file's bytes on their way and fails the stream with 413 past MAX_DOCUMENT_BYTES: busboy
 * only stops at its own fileSize limit (the same number) and ends the stream as if it were whole,
 * marking it truncated, so a consumer would otherwise take the first 10 MiB for the file.
 */
function sizeGuard(file: Readable & { truncated?: boolean }): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > MAX_DOCUMENT_BYTES) return callback(new AppError('PAYLOAD_TOO_LARGE'));
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(file.truncated ? new AppError('PAYLOAD_TOO_LARGE') : null);
    },
  });
}

/**
 * Lifts the socket's idle timeout (HTTP_IDLE_TIMEOUT_SECONDS) for an upload request, from its
 * start: on these routes the silences are ours — the body waits unread while the case and the
 * quota are checked, then an upload waits its turn for sharp or mupdf, is checked, scanned and
 * stored. Left in place, it destroyed the socket of an upload queued behind others past 30 s (the
 * client got a hang-up, no answer, while the document was still being stored). A client that
 * stalls its body is still cut at HTTP_REQUEST_TIMEOUT_SECONDS (Node's whole-request deadline);
 * Node puts the keep-alive timeout on the socket after the answer, and the idle timeout back on
 * the next request. Registered in app.ts for the routes that read uploads (`multipartCsrf`).
 */
export function liftIdleTimeoutForUpload(request: FastifyRequest): void {
  const socket = request.raw.socket;
  // app.inject's socket has no timeout to lift.
  if (typeof socket?.setTimeout === 'function') socket.setTimeout(0);
}

/**
 * Reads a multipart request part by part, in memory only and never a whole file: small text
 * fields, then at most one file, handed to `onFile` as a stream while it arrives (stopped with 413
 * PAYLOAD_TOO_LARGE as soon as it passes MAX_DOCUMENT_BYTES). `onFile` must read the stream to its
 * end or throw; whatever it leaves is destroyed. On a form post without the CSRF header, the
 * `_csrf` field must come before the file and is checked first.
 * @example const { fields, file } = await readMultipartUpload(request, (file) => intakeDocumentStream(deps, file)); // route config: { multipartCsrf: true }
 */
export async function readMultipartUpload<T>(
  request: FastifyRequest,
  onFile: (file: MultipartFile, fieldsBefore: Readonly<Record<string, string>>) => Promise<T>,
): Promise<MultipartUpload<T>> {
  const fields: Record<string, string> = {};
  let file: { value: T } | null = null;
  try {
    for await (const part of request.parts()) {
      if (request.csrfPending) {
        // The token is inside the body: it must be the very first part and is verified before a
        // single byte of a file is read (a forged cross-site post never gets its file parsed).
        if (part.type !== 'field' || part.fieldname !== '_csrf') throw new AppError('CSRF_FAILED');
        request.assertCsrfToken(part.value);
      }
      if (part.type === 'field') {
        // fieldSize limit reached: the value was cut, never act on half a value.
        if (part.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE');
        if (typeof part.value === 'string' && hasForbiddenCharacters(part.value))
          throw validationError([{ field: part.fieldname, code: 'invalid_characters' }]);
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (file) throw new AppError('PAYLOAD_TOO_LARGE');
      // The file name is stored (as the original name): the same rule as every text field.
      if (part.filename && hasForbiddenCharacters(part.filename))
        throw validationError([{ field: part.fieldname, code: 'invalid_characters' }]);
      // pipeline: an error on either side (413 here, a cut body in busboy) destroys both.
      const stream = pipeline(part.file, sizeGuard(part.file), () => {});
      try {
        file = { value: await onFile({ filename: part.filename || null, stream }, { ...fields }) };
      } finally {
        // Read to its end, or given up by a refusal: nothing is left half-read for the parser.
        if (!stream.readableEnded) stream.destroy();
      }
      if (!stream.readableEnded) throw new Error('onFile returned before reading the whole file');
    }
  } catch (error) {
    throw toAppError(error);
  }
  // A form without any part at all never proved its token either.
  if (request.csrfPending) throw new AppError('CSRF_FAILED');
  return { fields, file: file ? file.value : null };
}

/**
 * An UploadReader over a file already in memory (demo data, tests): the same path as an HTTP upload.
 * @example await addRecoveryDocument(deps, { recoveryCase, readUpload: createBufferedUploadReader({ kind }, file) }, meta);
 */
export function createBufferedUploadReader(
  fields: Record<string, string>,
  file: { filename: string | null; bytes: Buffer } | null,
): UploadReader {
  return async (onFile) => {
    if (!file) return { fields, file: null };
    if (file.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    const stream = Readable.from([file.bytes]);
    return { fields, file: await onFile({ filename: file.filename, stream }, fields) };
  };
}
