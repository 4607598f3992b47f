import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { readMultipartUpload } from '../platform/http/multipart-upload.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { fieldErrorsFromIssues, parseOrThrow } from '../platform/http/validation.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { closeTicketAsCustomer } from './ticket-close.service.ts';
import { attachFileAsCustomer } from './ticket-customer-attachment.service.ts';
import { NewTicketPage, SupportListPage, TicketThreadPage } from './tickets-portal.pages.tsx';
import {
  portalTicketSummary,
  portalTicketThread,
  presentPortalThread,
  presentPortalTicket,
} from './tickets-portal.presenter.ts';
import {
  newTicketBody,
  newTicketForm,
  ticketMessageBody,
  ticketReferenceParams,
} from './tickets-portal.schemas.ts';
import {
  addCustomerMessage,
  createPortalTicket,
  getMyTicketThread,
  listMyServices,
  listMyTickets,
} from './tickets-portal.service.ts';

type FormBody = { Body: Record<string, unknown> };

/** Form values to show again after a refusal (only the fields of these forms; strings only). */
function formValues(body: Record<string, unknown> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ['subject', 'category', 'serviceId', 'body'])
    if (typeof body?.[name] === 'string') values[name] = body[name] as string;
  return values;
}

/** The customer's support: « Mes demandes », a new request, a thread — pages and the API of API.md. */
export async function ticketsPortalRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get('/support', async (request, reply) => {
    const auth = requireCustomer(request);
    const tickets = await listMyTickets(deps, auth.account);
    return sendPage(reply, <SupportListPage ctx={pageContext(request)} tickets={tickets} />);
  });

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[],
    status = 200,
    error?: string,
  ) => {
    const auth = requireCustomer(request);
    const services = await listMyServices(deps, auth.account);
    const values = formValues(request.body as Record<string, unknown> | undefined);
    return sendPage(
      reply,
      <NewTicketPage
        ctx={pageContext(request)}
        form={{ values, errors }}
        services={services}
        error={error}
      />,
      status,
    );
  };

  app.get('/support/new', (request, reply) => renderNew(request, reply, []));

  app.post<FormBody>('/support/new', async (request, reply) => {
    const auth = requireCustomer(request);
    const parsed = newTicketForm.safeParse(request.body);
    if (!parsed.success) return renderNew(request, reply, fieldErrorsFromIssues(parsed.error.issues), 422);
    try {
      const ticket = await createPortalTicket(deps, auth.account, parsed.data, request.meta);
      return reply.redirect(`/support/${encodeURIComponent(ticket.reference)}?created=1`, 303);
    } catch (error) {
      // Field errors and a throttle are shown on the form; anything else goes to the error handler.
      const refused = formRefusal(request, reply, error);
      return renderNew(request, reply, refused.errors, refused.status, refused.message);
    }
  });

  const renderThread = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[],
    status = 200,
    /** A refused file, said next to the upload field. */
    attachError?: string,
  ) => {
    const auth = requireCustomer(request);
    const { reference } = parseOrThrow(ticketReferenceParams, request.params);
    const { ticket, messages, service } = await getMyTicketThread(deps, auth.account, reference);
    const query = request.query as { created?: string; sent?: string; closed?: string; attached?: string };
    const t = request.t;
    const notice =
      query.created !== undefined
        ? t('support.notice.created')
        : query.sent !== undefined
          ? t('support.notice.sent')
          : query.closed !== undefined
            ? t(query.closed === 'already' ? 'support.notice.alreadyClosed' : 'support.notice.closed')
            : query.attached !== undefined
              ? t('support.notice.attached')
              : undefined;
    const values = errors.length ? formValues(request.body as Record<string, unknown>) : {};
    return sendPage(
      reply,
      <TicketThreadPage
        ctx={pageContext(request)}
        ticket={ticket}
        messages={messages}
        service={service}
        form={{ values, errors }}
        notice={notice}
        attachError={attachError}
      />,
      status,
    );
  };

  app.get('/support/:reference', (request, reply) => renderThread(request, reply, []));

  app.post<FormBody>('/support/:reference', async (request, reply) => {
    const auth = requireCustomer(request);
    const { reference } = parseOrThrow(ticketReferenceParams, request.params);
    const parsed = ticketMessageBody.safeParse(request.body);
    if (!parsed.success) return renderThread(request, reply, fieldErrorsFromIssues(parsed.error.issues), 422);
    await addCustomerMessage(deps, auth.account, reference, parsed.data.body, request.meta);
    return reply.redirect(`/support/${encodeURIComponent(reference)}?sent=1`, 303);
  });

  // « Joindre un fichier »: multipart, `_csrf` first; a refused file is said on the thread, next to the field.
  app.post('/support/:reference/attachments', { config: { multipartCsrf: true } }, async (request, reply) => {
    const auth = requireCustomer(request);
    const { reference } = parseOrThrow(ticketReferenceParams, request.params);
    try {
      await attachFileAsCustomer(
        deps,
        auth.account,
        reference,
        (onFile) => readMultipartUpload(request, onFile),
        request.meta,
      );
    } catch (error) {
      const refused = formRefusal(request, reply, error);
      const said = refused.errors.length ? request.t('support.attach.required') : refused.message;
      return renderThread(request, reply, [], refused.status, said);
    }
    return reply.redirect(`/support/${encodeURIComponent(reference)}?attached=1`, 303);
  });

  app.post('/support/:reference/close', async (request, reply) => {
    const auth = requireCustomer(request);
    const { reference } = parseOrThrow(ticketReferenceParams, request.params);
    const result = await closeTicketAsCustomer(deps, auth.account, reference, request.meta);
    const closed = result.ok ? '1' : 'already';
    return reply.redirect(`/support/${encodeURIComponent(reference)}?closed=${closed}`, 303);
  });

  api.get(
    '/api/v1/tickets',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'The signed-in customer’s support tickets',
        response: { 200: z.object({ tickets: z.array(portalTicketSummary) }), 401: problemSchema },
      },
    },
    async (request) => {
      const auth = requireCustomer(request);
      return { tickets: (await listMyTickets(deps, auth.account)).map(presentPortalTicket) };
    },
  );

  api.post(
    '/api/v1/tickets',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Open a ticket (always from a verified sender: the customer is signed in)',
        body: newTicketBody,
        response: {
          201: z.object({ reference: z.string() }),
          401: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const auth = requireCustomer(request);
      const ticket = await createPortalTicket(deps, auth.account, request.body, request.meta);
      return reply.code(201).send({ reference: ticket.reference });
    },
  );

  api.get(
    '/api/v1/tickets/:reference',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'One of the customer’s tickets with its messages',
        params: ticketReferenceParams,
        response: { 200: portalTicketThread, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const auth = requireCustomer(request);
      const { ticket, messages } = await getMyTicketThread(deps, auth.account, request.params.reference);
      return presentPortalThread(ticket, messages);
    },
  );

  api.post(
    '/api/v1/tickets/:reference/messages',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Add a message to one of the customer’s tickets (reopens it if closed)',
        params: ticketReferenceParams,
        body: ticketMessageBody,
        response: { 201: z.object({}), 401: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const auth = requireCustomer(request);
      await addCustomerMessage(deps, auth.account, request.params.reference, request.body.body, request.meta);
      return reply.code(201).send({});
    },
  );

  api.post(
    '/api/v1/tickets/:reference/close',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Close one of the customer’s tickets (a new message reopens it)',
        params: ticketReferenceParams,
        response: {
          200: z.object({ status: z.literal('closed') }),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const auth = requireCustomer(request);
      const result = await closeTicketAsCustomer(deps, auth.account, request.params.reference, request.meta);
      if (!result.ok) throw new AppError('CONFLICT');
      return { status: 'closed' as const };
    },
  );

  api.post(
    '/api/v1/tickets/:reference/attachments',
    {
      onRequest: customerOnly,
      config: { multipartCsrf: true },
      schema: {
        tags: ['customer'],
        summary:
          'Attach a file to one of the customer’s tickets (multipart: file); PDF, JPEG or PNG, 10 MiB at most',
        consumes: ['multipart/form-data'],
        params: ticketReferenceParams,
        response: {
          201: z.object({
            id: z.string(),
            name: z.string().nullable(),
            size: z.number(),
            mediaType: z.string(),
          }),
          401: problemSchema,
          404: problemSchema,
          413: problemSchema,
          415: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const auth = requireCustomer(request);
      const attachment = await attachFileAsCustomer(
        deps,
        auth.account,
        request.params.reference,
        (onFile) => readMultipartUpload(request, onFile),
        request.meta,
      );
      return reply.code(201).send({
        id: attachment.id,
        name: attachment.originalName,
        size: attachment.size,
        mediaType: attachment.mediaType,
      });
    },
  );
}
