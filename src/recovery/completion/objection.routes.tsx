import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { noContent, problemSchema } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { sendPage } from '../../views/render.ts';
import {
  InvalidRecoveryObjectionLinkPage,
  RecoveryObjectionDonePage,
  RecoveryObjectionPage,
} from './objection.pages.tsx';
import { recoveryObjectionSchema } from './objection.schemas.ts';
import { objectToRecoveryCase, validateRecoveryObjectionToken } from './objection.service.ts';
import { formatRecoveryDateTime, maskRecoveryEmail } from './objection.ts';

/** The page behind the link carries the token in its URL: no Referer may leak it, no cache may keep it. */
function protectTokenPage(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}

/** The objection link emailed to the previous address on approval: the page, its form, and the JSON route. */
export async function recoveryObjectionRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get<{ Querystring: { token?: unknown; done?: string } }>(
    '/recovery/objection',
    async (request, reply) => {
      protectTokenPage(reply);
      const ctx = pageContext(request);
      if (request.query.done !== undefined) return sendPage(reply, <RecoveryObjectionDonePage ctx={ctx} />);
      const parsed = recoveryObjectionSchema.safeParse({ token: request.query.token });
      const check = parsed.success ? await validateRecoveryObjectionToken(deps, parsed.data.token) : null;
      if (!parsed.success || !check?.ok || !check.recoveryCase.objectionDeadline)
        return sendPage(reply, <InvalidRecoveryObjectionLinkPage ctx={ctx} />, 400);
      return sendPage(
        reply,
        <RecoveryObjectionPage
          ctx={ctx}
          token={parsed.data.token}
          newEmailMasked={maskRecoveryEmail(check.recoveryCase.newEmail)}
          effectiveAt={formatRecoveryDateTime(ctx.locale, check.recoveryCase.objectionDeadline)}
        />,
      );
    },
  );

  app.post<{ Body: Record<string, unknown> }>('/recovery/objection', async (request, reply) => {
    protectTokenPage(reply);
    const parsed = recoveryObjectionSchema.safeParse(request.body);
    try {
      if (!parsed.success) throw new AppError('INVALID_TOKEN');
      await objectToRecoveryCase(deps, parsed.data, request.meta);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TOKEN')
        return sendPage(reply, <InvalidRecoveryObjectionLinkPage ctx={pageContext(request)} />, 400);
      throw error;
    }
    return reply.redirect('/recovery/objection?done=1', 303);
  });

  api.post(
    '/api/v1/recovery/objection',
    {
      schema: {
        tags: ['customer'],
        summary:
          'Object, from the link sent to the previous address, to an approved recovery: the case goes back to review',
        body: recoveryObjectionSchema,
        response: { 204: noContent, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      await objectToRecoveryCase(deps, request.body, request.meta);
      return reply.code(204).send(null);
    },
  );
}
