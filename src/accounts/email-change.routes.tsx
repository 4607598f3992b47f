import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import {
  ChangeEmailPage,
  ConfirmEmailChangePage,
  EmailChangeDonePage,
  InvalidEmailChangeLinkPage,
} from './email-change.pages.tsx';
import { confirmEmailChangeSchema, requestEmailChangeSchema } from './email-change.schemas.ts';
import { confirmEmailChange, requestEmailChange, validateEmailChangeToken } from './email-change.service.ts';
import { cancelEmailChange } from './email-change-cancel.service.ts';

/** The page behind the link carries the token in its URL: no Referer may leak it, no cache may keep it. */
function protectTokenPage(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}

/** "Changer mon adresse e-mail" from the fiche, and the page behind the confirmation link. */
export async function emailChangeRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get<{ Querystring: { sent?: string } }>('/account/email', async (request, reply) => {
    const { account } = requireCustomer(request);
    return sendPage(
      reply,
      <ChangeEmailPage
        ctx={pageContext(request)}
        currentEmail={account.email}
        form={{ values: {}, errors: [] }}
        sent={request.query.sent !== undefined}
      />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/account/email', async (request, reply) => {
    const { account } = requireCustomer(request);
    const values = { newEmail: typeof request.body.newEmail === 'string' ? request.body.newEmail : '' };
    const render = (errors: FieldError[], status: number, error?: string) =>
      sendPage(
        reply,
        <ChangeEmailPage
          ctx={pageContext(request)}
          currentEmail={account.email}
          form={{ values, errors }}
          error={error}
        />,
        status,
      );
    const parsed = requestEmailChangeSchema.safeParse(request.body);
    if (!parsed.success) return render(fieldErrorsFromIssues(parsed.error.issues), 422);
    try {
      await requestEmailChange(deps, { account }, parsed.data, request.meta);
    } catch (error) {
      const refused = formRefusal(request, reply, error);
      return render(refused.errors, refused.status, refused.message);
    }
    return reply.redirect('/account/email?sent=1', 303);
  });

  // « Annuler la modification » on the fiche: the link sent to the new address stops working.
  app.post('/account/email/cancel', async (request, reply) => {
    const { account } = requireCustomer(request);
    const result = await cancelEmailChange(deps, account.id, request.meta);
    return reply.redirect(`/account?emailChange=${result.ok ? 'cancelled' : 'none'}`, 303);
  });

  app.get<{ Querystring: { token?: unknown; done?: string } }>(
    '/account/email/confirm',
    async (request, reply) => {
      protectTokenPage(reply);
      const ctx = pageContext(request);
      if (request.query.done !== undefined) return sendPage(reply, <EmailChangeDonePage ctx={ctx} />);
      const { token } = request.query;
      // Opening the link only shows a button: mail scanners that follow links must not confirm anything.
      const check =
        typeof token === 'string' && token.length > 0 && token.length <= 256
          ? await validateEmailChangeToken(deps, token)
          : null;
      if (!check?.ok || typeof token !== 'string')
        return sendPage(reply, <InvalidEmailChangeLinkPage ctx={ctx} />, 400);
      return sendPage(
        reply,
        <ConfirmEmailChangePage ctx={ctx} token={token} newEmail={check.request.newEmail} />,
      );
    },
  );

  app.post<{ Body: Record<string, unknown> }>('/account/email/confirm', async (request, reply) => {
    protectTokenPage(reply);
    const parsed = confirmEmailChangeSchema.safeParse(request.body);
    try {
      if (!parsed.success) throw new AppError('INVALID_TOKEN');
      await confirmEmailChange(deps, parsed.data, request.meta);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TOKEN')
        return sendPage(reply, <InvalidEmailChangeLinkPage ctx={pageContext(request)} />, 400);
      throw error;
    }
    return reply.redirect('/account/email/confirm?done=1', 303);
  });

  api.post(
    '/api/v1/account/email',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Ask to change the fiche’s email; a confirmation link goes to the new address',
        body: requestEmailChangeSchema,
        response: { 202: z.object({}), 401: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { account } = requireCustomer(request);
      await requestEmailChange(deps, { account }, request.body, request.meta);
      return reply.code(202).send({});
    },
  );

  api.post(
    '/api/v1/account/email/confirm',
    {
      schema: {
        tags: ['customer'],
        summary: 'Confirm an email change with the token from the link; a notice goes to the old address',
        body: confirmEmailChangeSchema,
        response: { 204: noContent, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      await confirmEmailChange(deps, request.body, request.meta);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/api/v1/account/email',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Cancel the pending email change: its confirmation link stops working',
        response: { 204: noContent, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const { account } = requireCustomer(request);
      const result = await cancelEmailChange(deps, account.id, request.meta);
      if (!result.ok) throw new AppError('NOT_FOUND');
      return reply.code(204).send(null);
    },
  );
}
