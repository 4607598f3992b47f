import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { sendPage } from '../views/render.ts';
import {
  ForgotPasswordPage,
  InvalidResetLinkPage,
  ResetDonePage,
  ResetPasswordPage,
} from './password-reset.pages.tsx';
import {
  forgotPasswordFormSchema,
  forgotPasswordSchema,
  resetPasswordFormSchema,
  resetPasswordSchema,
} from './password-reset.schemas.ts';
import { requestPasswordReset, resetPassword, validatePasswordResetToken } from './password-reset.service.ts';

/** The page behind the link carries the token in its URL: no Referer may leak it, no cache may keep it. */
function protectTokenPage(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}

/** "Mot de passe oublié" and the page behind the emailed link: pages and JSON routes over the same services. */
export async function passwordResetRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const validMinutes = deps.config.resetTokenTtlMinutes;
  const requireClasses = deps.config.passwordRequireCharacterClasses;

  app.get<{ Querystring: { sent?: string } }>('/password/forgot', async (request, reply) => {
    const sent = request.query.sent !== undefined;
    const form = { values: {}, errors: [] };
    return sendPage(
      reply,
      <ForgotPasswordPage ctx={pageContext(request)} form={form} sent={sent} validMinutes={validMinutes} />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/password/forgot', async (request, reply) => {
    const values = { email: typeof request.body.email === 'string' ? request.body.email : '' };
    const render = (errors: FieldError[], status: number, error?: string) =>
      sendPage(
        reply,
        <ForgotPasswordPage
          ctx={pageContext(request)}
          form={{ values, errors }}
          validMinutes={validMinutes}
          error={error}
        />,
        status,
      );
    const parsed = forgotPasswordFormSchema.safeParse(request.body);
    if (!parsed.success) return render(fieldErrorsFromIssues(parsed.error.issues), 422);
    try {
      await requestPasswordReset(deps, { email: parsed.data.email }, request.meta);
    } catch (error) {
      const refused = formRefusal(request, reply, error);
      return render(refused.errors, refused.status, refused.message);
    }
    // Post/redirect/get: the same confirmation whether or not the address is on a fiche.
    return reply.redirect('/password/forgot?sent=1', 303);
  });

  app.get<{ Querystring: { token?: unknown; done?: string } }>('/password/reset', async (request, reply) => {
    protectTokenPage(reply);
    if (request.query.done !== undefined)
      return sendPage(reply, <ResetDonePage ctx={pageContext(request)} />);
    // Opening the link only shows the form: mail scanners that follow links must not burn it.
    return renderResetForm(request, reply, request.query.token, [], 200);
  });

  app.post<{ Body: Record<string, unknown> }>('/password/reset', async (request, reply) => {
    protectTokenPage(reply);
    const parsed = resetPasswordFormSchema.safeParse(request.body);
    if (!parsed.success) {
      return renderResetForm(
        request,
        reply,
        request.body.token,
        fieldErrorsFromIssues(parsed.error.issues),
        422,
      );
    }
    try {
      await resetPassword(deps, parsed.data, request.meta);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TOKEN') {
        return sendPage(
          reply,
          <InvalidResetLinkPage ctx={pageContext(request)} validMinutes={validMinutes} />,
          400,
        );
      }
      const refused = formRefusal(request, reply, error);
      return renderResetForm(request, reply, parsed.data.token, refused.errors, refused.status);
    }
    return reply.redirect('/password/reset?done=1', 303);
  });

  /** The reset form for a link still awaiting use, or the one "invalid or expired" page. */
  async function renderResetForm(
    request: FastifyRequest,
    reply: FastifyReply,
    token: unknown,
    errors: FieldError[],
    status: number,
  ) {
    const check =
      typeof token === 'string' && token.length > 0 && token.length <= 256
        ? await validatePasswordResetToken(deps, token)
        : null;
    if (!check?.ok || typeof token !== 'string') {
      return sendPage(
        reply,
        <InvalidResetLinkPage ctx={pageContext(request)} validMinutes={validMinutes} />,
        400,
      );
    }
    return sendPage(
      reply,
      <ResetPasswordPage
        ctx={pageContext(request)}
        form={{ values: {}, errors }}
        token={token}
        email={check.account.email}
        requireClasses={requireClasses}
      />,
      status,
    );
  }

  api.post(
    '/api/v1/password/forgot',
    {
      schema: {
        tags: ['customer'],
        summary: 'Ask for a reset link; answered 202 {} whether or not the address is on a fiche',
        body: forgotPasswordSchema,
        response: { 202: z.object({}), 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body, request.meta);
      return reply.code(202).send({});
    },
  );

  api.post(
    '/api/v1/password/reset',
    {
      schema: {
        tags: ['customer'],
        summary: 'Set a new password with a reset link’s token; every session of the account is revoked',
        body: resetPasswordSchema,
        response: { 204: noContent, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      await resetPassword(deps, request.body, request.meta);
      return reply.code(204).send(null);
    },
  );
}
