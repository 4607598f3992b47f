import type { FastifyRequest } from 'fastify';

// STUB — to be replaced by the documents work (contract only).

export type MultipartUpload = {
  fields: Record<string, string>;
  file: { filename: string | null; bytes: Buffer } | null;
};

/**
 * Reads a multipart request part by part, in memory only: small text fields, then at most one
 * file, stopped with 413 PAYLOAD_TOO_LARGE as soon as it passes MAX_DOCUMENT_BYTES. On a form post
 * without the CSRF header, the `_csrf` field must come before the file and is checked first.
 */
export async function readMultipartUpload(_request: FastifyRequest): Promise<MultipartUpload> {
  throw new Error('not implemented');
}
