import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { totpQrCodeDataUrl } from '../platform/crypto/totp.ts';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { SecurityPage, type SecurityView } from './second-factor.pages.tsx';
import { countUnusedRecoveryCodes } from './second-factor.repository.ts';
import { currentPasswordSchema, totpCodeSchema } from './second-factor.schemas.ts';
import {
  confirmTotpEnrolment,
  getPendingTotpEnrolment,
  hasConfirmedTotp,
  regenerateRecoveryCodes,
  removeTotp,
  startTotpEnrolment,
} from './totp-enrolment.service.ts';

/** /account/security: enrol, confirm and remove TOTP, regenerate recovery codes; pages and JSON routes over the same services. */
export async function secondFactorRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function statusView(accountId: string): Promise<SecurityView> {
    const enabled = await hasConfirmedTotp(deps, accountId);
    return {
      kind: 'status',
      enabled,
      recoveryLeft: enabled ? await countUnusedRecoveryCodes(deps.db, accountId) : 0,
    };
  }

  async function enrollingView(enrolment: { secret: string; otpauthUri: string }): Promise<SecurityView> {
    return {
      kind: 'enrolling',
      secret: enrolment.secret,
      qrCodeDataUrl: await totpQrCodeDataUrl(enrolment.otpauthUri),
    };
  }

  app.get<{ Querystring: { disabled?: string } }>('/account/security', async (request, reply) => {
    const auth = requireCustomer(request);
    const notice = request.query.disabled !== undefined ? request.t('security.disabled') : undefined;
    return sendPage(
      reply,
      <SecurityPage
        ctx={pageContext(request)}
        view={await statusView(auth.account.id)}
        form={{ values: {}, errors: [] }}
        notice={notice}
      />,
    );
  });

  /** A form of /account/security: runs the action, shows what it returns, or the refusal on the status view. */
  function securityForm<T extends z.ZodType>(
    path: string,
    schema: T,
    action: (
      auth: ReturnType<typeof requireCustomer>,
      input: z.infer<T>,
      request: FastifyRequest,
    ) => Promise<SecurityView | 'redirect'>,
    refusedView: (auth: ReturnType<typeof requireCustomer>) => Promise<SecurityView>,
  ) {
    app.post<{ Body: Record<string, unknown> }>(path, async (request, reply) => {
      const auth = requireCustomer(request);
      const render = async (
        view: SecurityView,
        status: number,
        errors: ReturnType<typeof fieldErrorsFromIssues>,
        error?: string,
      ) =>
        sendPage(
          reply,
          <SecurityPage ctx={pageContext(request)} view={view} form={{ values: {}, errors }} error={error} />,
          status,
        );
      const parsed = schema.safeParse(request.body);
      if (!parsed.success)
        return render(await refusedView(auth), 422, fieldErrorsFromIssues(parsed.error.issues));
      try {
        const view = await action(auth, parsed.data, request);
        if (view === 'redirect') return reply.redirect('/account/security?disabled=1', 303);
        return render(view, 200, []);
      } catch (error) {
        const refused = formRefusal(request, reply, error);
        return render(await refusedView(auth), refused.status, refused.errors, refused.message);
      }
    });
  }

  const backToStatus = (auth: ReturnType<typeof requireCustomer>) => statusView(auth.account.id);
  securityForm(
    '/account/security/totp',
    currentPasswordSchema,
    async (auth, input, request) =>
      enrollingView(await startTotpEnrolment(deps, auth.account, input.currentPassword, request.meta)),
    backToStatus,
  );
  securityForm(
    '/account/security/totp/confirm',
    totpCodeSchema,
    async (auth, input, request) => ({
      kind: 'codes',
      ...(await confirmTotpEnrolment(deps, auth.account, input.code, request.meta)),
    }),
    async (auth) => {
      // A wrong code shows the same QR code again, so the customer can try the next one.
      const pending = await getPendingTotpEnrolment(deps, auth.account);
      return pending ? enrollingView(pending) : statusView(auth.account.id);
    },
  );
  securityForm(
    '/account/security/recovery-codes',
    currentPasswordSchema,
    async (auth, input, request) => ({
      kind: 'codes',
      ...(await regenerateRecoveryCodes(deps, auth.account, input.currentPassword, request.meta)),
    }),
    backToStatus,
  );
  securityForm(
    '/account/security/totp/remove',
    currentPasswordSchema,
    async (auth, input, request) => {
      await removeTotp(deps, auth.account, input.currentPassword, request.meta);
      return 'redirect';
    },
    backToStatus,
  );

  const passwordBody = { body: currentPasswordSchema };
  api.post(
    '/api/v1/account/totp',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Start TOTP enrolment (inactive until confirmed)',
        ...passwordBody,
        response: {
          200: z.object({ secret: z.string(), otpauthUri: z.string() }),
          401: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) =>
      startTotpEnrolment(deps, requireCustomer(request).account, request.body.currentPassword, request.meta),
  );

  api.post(
    '/api/v1/account/totp/confirm',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Confirm TOTP enrolment with a first code; answers the ten recovery codes, once',
        body: totpCodeSchema,
        response: {
          200: z.object({ recoveryCodes: z.array(z.string()) }),
          400: problemSchema,
          401: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) =>
      confirmTotpEnrolment(deps, requireCustomer(request).account, request.body.code, request.meta),
  );

  api.delete(
    '/api/v1/account/totp',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Remove the authenticator and the recovery codes',
        ...passwordBody,
        response: { 204: noContent, 401: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await removeTotp(deps, requireCustomer(request).account, request.body.currentPassword, request.meta);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/account/recovery-codes',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Replace the recovery codes; answers the ten new ones, once',
        ...passwordBody,
        response: {
          200: z.object({ recoveryCodes: z.array(z.string()) }),
          401: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) =>
      regenerateRecoveryCodes(
        deps,
        requireCustomer(request).account,
        request.body.currentPassword,
        request.meta,
      ),
  );
}
