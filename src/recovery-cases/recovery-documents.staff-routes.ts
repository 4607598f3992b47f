import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { requireStaff, staffOnly } from '../staff/staff-session.plugin.ts';
import { recoveryDocumentParams, recoveryDocumentQuery } from './recovery-review.schemas.ts';
import {
  type DocumentForStaff,
  documentFileName,
  previewRecoveryDocumentAsStaff,
  readRecoveryDocumentAsStaff,
} from './recovery-review-documents.service.ts';

/**
 * The policy of every document response. A claimant's file is hostile until proven otherwise:
 * `sandbox` (no token) gives it an opaque origin with no scripts, forms, popups or plugins' access
 * to our cookies or pages even when opened in a tab; `default-src 'none'` lets it load nothing
 * from anywhere but its own images; `frame-ancestors 'none'` keeps it out of frames. Images only
 * ever reach staff re-encoded, and previews are PNGs we rendered.
 */
export const DOCUMENT_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

function sendDocument(
  reply: FastifyReply,
  opened: DocumentForStaff,
  options: { mediaType: string; disposition: 'inline' | 'attachment'; fileName: string },
) {
  // The name is built from our reference and kind only; quotes or CR/LF can never reach it.
  const safeName = options.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', options.mediaType)
    .header('content-disposition', `${options.disposition}; filename="${safeName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', DOCUMENT_CSP)
    .header('cache-control', 'no-store')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('referrer-policy', 'no-referrer')
    .send(opened.bytes);
}

/** A case's documents for reviewers: the file (download, or inline for a PDF opened in a tab) and its preview. */
export async function recoveryDocumentsStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const base = '/api/v1/staff/recovery/cases/:reference/documents/:id';

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    base,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'A document of a recovery case (audited): the stored file, attachment by default',
        params: recoveryDocumentParams,
        querystring: recoveryDocumentQuery,
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference, id } = parseOrThrow(recoveryDocumentParams, request.params);
      const { inline } = parseOrThrow(recoveryDocumentQuery, request.query);
      const opened = await readRecoveryDocumentAsStaff(deps, staff.user, reference, id, request.meta);
      const { document } = opened;
      // Only PDFs open in a tab (the browser's viewer); images are seen through their preview.
      const asInline = inline === '1' && document.mediaType === 'application/pdf';
      return sendDocument(reply, opened, {
        mediaType: document.mediaType,
        disposition: asInline ? 'inline' : 'attachment',
        fileName: documentFileName(opened.reference, document),
      });
    },
  );

  api.get(
    `${base}/preview`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary:
          'A PNG preview of a recovery document (audited): the image scaled down, or the first page of a PDF',
        params: recoveryDocumentParams,
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference, id } = parseOrThrow(recoveryDocumentParams, request.params);
      const opened = await previewRecoveryDocumentAsStaff(deps, staff.user, reference, id, request.meta);
      return sendDocument(reply, opened, {
        mediaType: 'image/png',
        disposition: 'inline',
        fileName: `${opened.reference}-${opened.document.kind}-preview.png`,
      });
    },
  );
}
