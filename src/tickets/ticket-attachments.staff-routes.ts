import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { sendStoredFile } from '../platform/http/stored-file-reply.ts';
import { requireStaffPermission, staffOnly } from '../staff/core/staff-session.plugin.ts';
import { readTicketAttachmentAsStaff } from './ticket-attachment.staff-service.ts';

const attachmentParams = z.object({ reference: z.string().min(1).max(40), id: z.uuid('invalid') });

const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** Files attached to emailed tickets, for staff: downloaded (never rendered inline), audited. */
export async function ticketAttachmentsStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/staff/tickets/:reference/attachments/:id',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'A file attached to an emailed ticket (audited), as a download',
        params: attachmentParams,
      },
    },
    async (request, reply) => {
      const staff = requireStaffPermission(request, 'tickets.view');
      const { reference, id } = request.params;
      const opened = await readTicketAttachmentAsStaff(deps, staff.user, reference, id, request.meta);
      return sendStoredFile(reply, opened.bytes, {
        mediaType: opened.attachment.mediaType,
        disposition: 'attachment',
        // Our reference and the attachment id, never the sender's file name.
        fileName: `${opened.reference}-${opened.attachment.id.slice(0, 8)}.${extensions[opened.attachment.mediaType] ?? 'bin'}`,
      });
    },
  );
}
