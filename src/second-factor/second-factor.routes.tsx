import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { totpQrCodeDataUrl } from '../platform/crypto/totp.ts';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { formRefusal } from '../platform/http/form-action.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { safeNextPath } from '../platform/http/safe-redirect.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { enrolmentDue } from './mfa-policy.ts';
import { presentPasskey } from './passkeys.presenter.ts';
import { listPasskeysOfAccount } from './passkeys.repository.ts';
import { removeCustomerPasskey, renameCustomerPasskey } from './passkeys.service.ts';
import { SecurityPage, type SecurityView } from './second-factor.pages.tsx';
import { countUnusedRecoveryCodes } from './second-factor.repository.ts';
import { currentPasswordSchema, passkeyName, totpCodeSchema } from './second-factor.schemas.ts';
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

  async function statusView(accountId: string, next = '/account'): Promise<SecurityView> {
    const [totp, passkeys, due] = await Promise.all([
      hasConfirmedTotp(deps, accountId),
      listPasskeysOfAccount(deps.db, accountId),
      enrolmentDue(deps, accountId),
    ]);
    return {
      kind: 'status',
      totp,
      passkeys: passkeys.map(presentPasskey),
      recoveryLeft: totp || passkeys.length > 0 ? await countUnusedRecoveryCodes(deps.db, accountId) : 0,
      enrolment: due ? { ...due, next: safeNextPath(next) } : null,
    };
  }

  async function enrollingView(enrolment: { secret: string; otpauthUri: string }): Promise<SecurityView> {
    return {
      kind: 'enrolling',
      secret: enrolment.secret,
      qrCodeDataUrl: await totpQrCodeDataUrl(enrolment.otpauthUri),
    };
  }

  const notices = {
    disabled: 'security.disabled',
    passkeyAdded: 'passkeys.added',
    passkeyRemoved: 'passkeys.removed',
    passkeyRenamed: 'passkeys.renamed',
  } as const;
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/account/security',
    async (request, reply) => {
      const auth = requireCustomer(request);
      const shown = (Object.keys(notices) as (keyof typeof notices)[]).find(
        (k) => request.query[k] !== undefined,
      );
      const notice = shown ? request.t(notices[shown]) : undefined;
      return sendPage(
        reply,
        <SecurityPage
          ctx={pageContext(request)}
          view={await statusView(auth.account.id, request.query.next)}
          form={{ values: {}, errors: [] }}
          notice={notice}
        />,
      );
    },
  );

  /** A form of /account/security: runs the action, shows what it returns, or the refusal on the status view. */
  function securityForm<T extends z.ZodType>(
    path: string,
    schema: T,
    action: (
      auth: ReturnType<typeof requireCustomer>,
      input: z.infer<T>,
      request: FastifyRequest,
    ) => Promise<SecurityView | { redirect: keyof typeof notices }>,
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
        if ('redirect' in view) return reply.redirect(`/account/security?${view.redirect}=1`, 303);
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
      return { redirect: 'disabled' as const };
    },
    backToStatus,
  );
  // Passkeys without JavaScript: rename and remove work as plain forms; adding one needs the browser's API.
  securityForm(
    '/account/security/passkeys/rename',
    z.object({ passkeyId: z.uuid('invalid'), name: passkeyName }),
    async (auth, input, request) => {
      await renameCustomerPasskey(deps, auth.account, input.passkeyId, input.name, request.meta);
      return { redirect: 'passkeyRenamed' as const };
    },
    backToStatus,
  );
  securityForm(
    '/account/security/passkeys/remove',
    z.object({ passkeyId: z.uuid('invalid'), currentPassword: z.string().max(1024, 'too_long').optional() }),
    async (auth, input, request) => {
      await removeCustomerPasskey(
        deps,
        auth,
        input.passkeyId,
        input.currentPassword || undefined,
        request.meta,
      );
      return { redirect: 'passkeyRemoved' as const };
    },
    backToStatus,
  );
  securityForm(
    '/account/security/passkeys',
    z.object({}),
    async () => {
      throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'name', code: 'passkey_needs_script' }] });
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
