import type { FastifyRequest } from 'fastify';
import { MAX_DOCUMENT_BYTES } from '../files/limits.ts';
import { AppError, validationError } from './errors.ts';
import { hasForbiddenCharacters } from './input-characters.ts';

export type MultipartUpload = {
  fields: Record<string, string>;
  file: { filename: string | null; bytes: Buffer } | null;
};

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
 * Reads a multipart request part by part, in memory only: small text fields, then at most one
 * file, stopped with 413 PAYLOAD_TOO_LARGE as soon as it passes MAX_DOCUMENT_BYTES. On a form post
 * without the CSRF header, the `_csrf` field must come before the file and is checked first.
 * @example const { fields, file } = await readMultipartUpload(request); // route config: { multipartCsrf: true }
 */
export async function readMultipartUpload(request: FastifyRequest): Promise<MultipartUpload> {
  const fields: Record<string, string> = {};
  let file: MultipartUpload['file'] = null;
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
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        // Leaving the loop destroys the part's stream; the multipart iterator then ends.
        if (size > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
        chunks.push(chunk);
      }
      // busboy stops at its own fileSize limit (= MAX_DOCUMENT_BYTES) and marks the part truncated.
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      file = { filename: part.filename || null, bytes: Buffer.concat(chunks) };
    }
  } catch (error) {
    throw toAppError(error);
  }
  // A form without any part at all never proved its token either.
  if (request.csrfPending) throw new AppError('CSRF_FAILED');
  return { fields, file };
}
