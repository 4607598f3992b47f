import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AccountType, accountTypes } from '../../accounts/account.ts';
import type { Config } from '../../config.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { formRefusal } from '../../platform/http/form-action.ts';
import { readMultipartUpload } from '../../platform/http/multipart-upload.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { fieldErrorsFromIssues } from '../../platform/http/validation.ts';
import type { MessageKey } from '../../views/i18n/index.ts';
import { sendPage } from '../../views/render.ts';
import {
  RecoveryAccessPage,
  RecoveryCaseNotFoundPage,
  RecoveryIntroPage,
  RecoveryNewCasePage,
} from './claimant.pages.tsx';
import { createRecoveryCaseFormSchema, declarationFormSchema } from './claimant.schemas.ts';
import { createRecoveryCase } from './claimant.service.ts';
import { authenticateRecoveryCase, getRecoveryCaseView } from './claimant-access.ts';
import { resendRecoveryEmailCode, verifyRecoveryEmail } from './claimant-code.service.ts';
import { addRecoveryDocument } from './claimant-documents.service.ts';
import { recordRecoveryDeclaration, submitRecoveryCase } from './claimant-submit.service.ts';
import { RecoveryCasePage } from './claimant-workspace.pages.tsx';
import type { WorkspaceState } from './claimant-workspace-state.ts';
import { reserveUploadBytes } from './upload-quota.ts';

/**
 * The case cookie holds the case token, for the pages only (the API takes it as a bearer). Path
 * /recovery keeps it away from every other page; `__Host-` would demand Path=/, so an https
 * deployment uses `__Secure-` (Secure required, no Domain set, so no subdomain receives it).
 */
export function recoveryCookieName(config: Config): string {
  return config.secureCookies ? '__Secure-sesame_recovery' : 'sesame_recovery';
}

const notices = ['created', 'verified', 'code-sent', 'document-added', 'declaration', 'submitted'] as const;
type Params = { Params: { reference: string } };

/** The claimant's pages: explanation, case creation, the case page and its forms (post/redirect/get). */
export async function recoveryClaimantPageRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const cookie = recoveryCookieName(deps.config);
  const setCaseCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      path: '/recovery',
      maxAge: deps.config.recoveryInfoExpiryDays * 86_400,
    });
  const caseUrl = (reference: string, notice?: (typeof notices)[number]) =>
    `/recovery/cases/${reference}${notice ? `?notice=${notice}` : ''}`;

  app.get('/recovery', async (request, reply) =>
    sendPage(
      reply,
      <RecoveryIntroPage ctx={pageContext(request)} retentionDays={deps.config.documentRetentionDays} />,
    ),
  );

  app.get<{ Querystring: { type?: string } }>('/recovery/new', async (request, reply) => {
    const type = accountTypes.find((t) => t === request.query.type);
    if (!type) return reply.redirect('/recovery', 303);
    return sendPage(
      reply,
      <RecoveryNewCasePage ctx={pageContext(request)} type={type} form={{ values: {}, errors: [] }} />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/recovery/new', async (request, reply) => {
    const values = Object.fromEntries(
      Object.entries(request.body).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf',
      ),
    );
    const type: AccountType = accountTypes.find((t) => t === values.accountType) ?? 'individual';
    const render = (errors: FieldError[], status: number, error?: string) =>
      sendPage(
        reply,
        <RecoveryNewCasePage
          ctx={pageContext(request)}
          type={type}
          form={{ values, errors }}
          error={error}
        />,
        status,
      );
    const parsed = createRecoveryCaseFormSchema.safeParse(request.body);
    if (!parsed.success) return render(fieldErrorsFromIssues(parsed.error.issues), 422);
    const form = parsed.data;
    try {
      const { recoveryCase, caseToken } = await createRecoveryCase(
        deps,
        {
          accountType: form.accountType,
          hints: { clientNumber: form.clientNumber, domain: form.domain, formerEmail: form.formerEmail },
          claimant: {
            firstName: form.firstName,
            lastName: form.lastName,
            legalName: form.accountType === 'company' ? form.legalName : null,
            siren: form.accountType === 'company' ? form.siren : null,
            associationName: form.accountType === 'association' ? form.associationName : null,
          },
          newEmail: form.newEmail,
          declaration: null,
          locale: request.locale,
        },
        request.meta,
      );
      setCaseCookie(reply, caseToken);
      return reply.redirect(caseUrl(recoveryCase.reference, 'created'), 303);
    } catch (error) {
      const refused = formRefusal(request, reply, error);
      return render(refused.errors, refused.status, refused.message);
    }
  });

  // The emailed link shows a button first (see RecoveryAccessPage); the token never leaves the
  // page through a Referer header.
  app.get<Params & { Querystring: { token?: string } }>(
    '/recovery/cases/:reference/access',
    (request, reply) =>
      onAccessLink(request, reply, request.query.token, (recoveryCase, token) => {
        reply.header('referrer-policy', 'no-referrer');
        const ctx = pageContext(request);
        return sendPage(
          reply,
          <RecoveryAccessPage ctx={ctx} reference={recoveryCase.reference} token={token} />,
        );
      }),
  );

  // The click: the token goes into the cookie and leaves the address bar (and the history).
  app.post<Params & { Body: Record<string, unknown> }>(
    '/recovery/cases/:reference/access',
    (request, reply) =>
      onAccessLink(request, reply, request.body.token, (recoveryCase, token) => {
        setCaseCookie(reply, token);
        return reply.redirect(caseUrl(recoveryCase.reference), 303);
      }),
  );

  async function onAccessLink(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    presented: unknown,
    then: (recoveryCase: Awaited<ReturnType<typeof authenticateRecoveryCase>>, token: string) => unknown,
  ) {
    const token = typeof presented === 'string' ? presented : null;
    try {
      return then(await authenticateRecoveryCase(deps, request.params.reference, token), token ?? '');
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound(request, reply);
      throw error;
    }
  }

  app.get<Params & { Querystring: { notice?: string } }>(
    '/recovery/cases/:reference',
    async (request, reply) =>
      onCase(request, reply, async () => {
        const notice = notices.find((n) => n === request.query.notice);
        return { notice: notice ? request.t(`recovery.claimant.notice.${notice}` as MessageKey) : undefined };
      }),
  );

  app.post<Params & { Body: Record<string, unknown> }>(
    '/recovery/cases/:reference/verify-email',
    async (request, reply) =>
      onCase(request, reply, async (recoveryCase, token) => {
        const code = typeof request.body.code === 'string' ? request.body.code : '';
        await verifyRecoveryEmail(deps, { recoveryCase, caseToken: token, code }, request.meta);
        return caseUrl(recoveryCase.reference, 'verified');
      }),
  );

  app.post<Params>('/recovery/cases/:reference/resend-code', async (request, reply) =>
    onCase(request, reply, async (recoveryCase) => {
      await resendRecoveryEmailCode(deps, recoveryCase, request.meta);
      return caseUrl(recoveryCase.reference, 'code-sent');
    }),
  );

  app.post<Params>(
    '/recovery/cases/:reference/documents',
    { config: { multipartCsrf: true } },
    async (request, reply) =>
      onCase(request, reply, async (recoveryCase) => {
        await reserveUploadBytes(deps, request, recoveryCase.id);
        await addRecoveryDocument(
          deps,
          { recoveryCase, readUpload: (onFile) => readMultipartUpload(request, onFile) },
          request.meta,
        );
        return caseUrl(recoveryCase.reference, 'document-added');
      }),
  );

  app.post<Params & { Body: Record<string, unknown> }>(
    '/recovery/cases/:reference/declaration',
    async (request, reply) =>
      onCase(request, reply, async (recoveryCase) => {
        const parsed = declarationFormSchema.safeParse(request.body);
        if (!parsed.success)
          return {
            errors: fieldErrorsFromIssues(parsed.error.issues),
            status: 422,
            values: { fullName: String(request.body.fullName ?? '') },
          };
        await recordRecoveryDeclaration(deps, { recoveryCase, fullName: parsed.data.fullName }, request.meta);
        return caseUrl(recoveryCase.reference, 'declaration');
      }),
  );

  app.post<Params>('/recovery/cases/:reference/submit', async (request, reply) =>
    onCase(request, reply, async (recoveryCase) => {
      await submitRecoveryCase(deps, recoveryCase, request.meta);
      return caseUrl(recoveryCase.reference, 'submitted');
    }),
  );

  type Outcome =
    | string
    | { notice?: string; errors?: FieldError[]; status?: number; values?: Record<string, string> };

  /**
   * Authenticates the case by its cookie, runs `action`, then redirects (a URL) or renders the case
   * page; an expected refusal (wrong code, bad file, incomplete case, 429…) is shown on the page in words.
   */
  async function onCase(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    action: (
      recoveryCase: Awaited<ReturnType<typeof authenticateRecoveryCase>>,
      token: string,
    ) => Promise<Outcome>,
  ) {
    const token = request.cookies[cookie] ?? null;
    let recoveryCase: Awaited<ReturnType<typeof authenticateRecoveryCase>>;
    try {
      recoveryCase = await authenticateRecoveryCase(deps, request.params.reference, token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound(request, reply);
      throw error;
    }
    let state: WorkspaceState = {
      form: { values: {}, errors: [] },
      ip: request.meta.ip,
      reviewWorkingDays: deps.config.recoveryReviewWorkingDays,
    };
    let status = 200;
    try {
      const outcome = await action(recoveryCase, token ?? '');
      if (typeof outcome === 'string') return reply.redirect(outcome, 303);
      state = {
        ...state,
        notice: outcome.notice,
        form: { values: outcome.values ?? {}, errors: outcome.errors ?? [] },
      };
      status = outcome.status ?? 200;
    } catch (error) {
      const refused = formRefusal(request, reply, error);
      state = { ...state, form: { values: {}, errors: refused.errors }, error: refused.message };
      status = refused.status;
    }
    const fresh = await authenticateRecoveryCase(deps, request.params.reference, token);
    const view = await getRecoveryCaseView(deps, fresh);
    return sendPage(reply, <RecoveryCasePage ctx={pageContext(request)} view={view} state={state} />, status);
  }

  function notFound(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <RecoveryCaseNotFoundPage ctx={pageContext(request)} />, 404);
  }
}
