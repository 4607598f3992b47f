import type { FastifyReply } from 'fastify';

/**
 * The policy of every response that carries a file someone uploaded (recovery documents, ticket
 * attachments). Such a file is hostile until proven otherwise: `sandbox` (no token) gives it an
 * opaque origin with no scripts, forms, popups or access to our cookies or pages even when opened
 * in a tab; `default-src 'none'` lets it load nothing but its own images; `frame-ancestors 'none'`
 * keeps it out of frames. Images only ever reach staff re-encoded.
 */
export const STORED_FILE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Sends an uploaded file's bytes with the headers that keep it inert; the name is reduced to safe characters. */
export function sendStoredFile(
  reply: FastifyReply,
  bytes: Buffer,
  options: { mediaType: string; disposition: 'inline' | 'attachment'; fileName: string },
) {
  // Only letters, digits, dot, dash and underscore: quotes or CR/LF can never reach the header.
  const safeName = options.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', options.mediaType)
    .header('content-disposition', `${options.disposition}; filename="${safeName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', STORED_FILE_CSP)
    .header('cache-control', 'no-store')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('referrer-policy', 'no-referrer')
    .send(bytes);
}
