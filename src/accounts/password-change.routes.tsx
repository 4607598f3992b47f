import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { ChangePasswordPage } from './password-change.pages.tsx';
import { changePassword } from './password-change.service.ts';

const changePasswordSchema = z.object({
  currentPassword: z.string('required').min(1, 'required').max(1024, 'too_long'),
  newPassword: z.string('required').min(1, 'required').max(1024, 'password_too_long'),
});

const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string('required') })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'passwords_differ',
  });

/** "Modifier ma fiche" → "Changer mon mot de passe", and its direct link, which goes through sign-in and comes back. */
export async function passwordChangeRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const requireClasses = deps.config.passwordRequireCharacterClasses;

  app.get<{ Querystring: { done?: string } }>('/account/password', async (request, reply) => {
    requireCustomer(request);
    const done = request.query.done !== undefined;
    return sendPage(
      reply,
      <ChangePasswordPage
        ctx={pageContext(request)}
        form={{ values: {}, errors: [] }}
        done={done}
        requireClasses={requireClasses}
      />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/account/password', async (request, reply) => {
    const auth = requireCustomer(request);
    const render = (errors: ReturnType<typeof fieldErrorsFromIssues>, status: number, error?: string) =>
      sendPage(
        reply,
        <ChangePasswordPage
          ctx={pageContext(request)}
          form={{ values: {}, errors }}
          requireClasses={requireClasses}
          error={error}
        />,
        status,
      );
    const parsed = changePasswordFormSchema.safeParse(request.body);
    if (!parsed.success) return render(fieldErrorsFromIssues(parsed.error.issues), 422);
    try {
      await changePassword(
        deps,
        { account: auth.account, sessionId: auth.session.id },
        parsed.data,
        request.meta,
      );
    } catch (error) {
      // Expected refusals are shown on the form; anything else goes to the error handler.
      const refused = formRefusal(request, reply, error);
      return render(refused.errors, refused.status, refused.message);
    }
    return reply.redirect('/account/password?done=1', 303);
  });

  api.post(
    '/api/v1/account/password',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Change the password; every other session is revoked',
        body: changePasswordSchema,
        response: { 204: noContent, 401: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const auth = requireCustomer(request);
      await changePassword(
        deps,
        { account: auth.account, sessionId: auth.session.id },
        request.body,
        request.meta,
      );
      return reply.code(204).send(null);
    },
  );
}
