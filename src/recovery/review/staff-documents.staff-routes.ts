import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { sendStoredFile } from '../../platform/http/stored-file-reply.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { requireStaff, staffOnly } from '../../staff/core/staff-session.plugin.ts';
import { recoveryDocumentParams, recoveryDocumentQuery } from './review.schemas.ts';
import {
  documentFileName,
  previewRecoveryDocumentAsStaff,
  readRecoveryDocumentAsStaff,
} from './staff-documents.service.ts';

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
      return sendStoredFile(reply, opened.bytes, {
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
      return sendStoredFile(reply, opened.bytes, {
        mediaType: 'image/png',
        disposition: 'inline',
        fileName: `${opened.reference}-${opened.document.kind}-preview.png`,
      });
    },
  );
}
