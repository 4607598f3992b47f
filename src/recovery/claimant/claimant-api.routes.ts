import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { problemSchema } from '../../platform/http/api-schemas.ts';
import { readMultipartUpload } from '../../platform/http/multipart-upload.ts';
import {
  claimantRecoveryCaseSchema,
  presentClaimantRecoveryCase,
  recoveryDocumentSchema,
  recoveryRequirementsSchema,
} from './claimant.presenter.ts';
import {
  createRecoveryCaseSchema,
  declarationSchema,
  referenceParamsSchema,
  verifyEmailSchema,
} from './claimant.schemas.ts';
import { createRecoveryCase } from './claimant.service.ts';
import { authenticateRecoveryCase, getRecoveryCaseView } from './claimant-access.ts';
import { resendRecoveryEmailCode, verifyRecoveryEmail } from './claimant-code.service.ts';
import { addRecoveryDocument } from './claimant-documents.service.ts';
import { recordRecoveryDeclaration, submitRecoveryCase } from './claimant-submit.service.ts';
import { recoveryRequirementStatus } from './requirements.ts';
import { reserveUploadBytes } from './upload-quota.ts';

/** The case token presented as `Authorization: Bearer …`; null when absent. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

const caseRoute = (summary: string) => ({
  tags: ['recovery'],
  summary,
  params: referenceParamsSchema,
  security: [{ bearerAuth: [] }],
});

/** JSON routes of the claimant side (API.md "Recovery case"); the case token is the bearer credential. */
export async function recoveryClaimantApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const authenticate = (request: FastifyRequest<{ Params: { reference: string } }>) =>
    authenticateRecoveryCase(deps, request.params.reference, bearerToken(request));
  const view = async (recoveryCase: Awaited<ReturnType<typeof authenticate>>) =>
    presentClaimantRecoveryCase(await getRecoveryCaseView(deps, recoveryCase));

  api.post(
    '/api/v1/recovery/cases',
    {
      schema: {
        tags: ['recovery'],
        summary:
          'Open a recovery case; a 6-digit code goes to newEmail. Same answer whether or not the hint matches an account',
        body: createRecoveryCaseSchema,
        response: {
          201: z.object({
            reference: z.string(),
            caseToken: z.string(),
            status: z.literal('draft'),
            requirements: recoveryRequirementsSchema,
          }),
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { recoveryCase, caseToken } = await createRecoveryCase(
        deps,
        {
          accountType: body.accountType,
          hints: body.account,
          claimant: body.claimant,
          newEmail: body.newEmail,
          declaration: { fullName: body.declaration.fullName },
          locale: request.locale,
        },
        request.meta,
      );
      return reply.code(201).send({
        reference: recoveryCase.reference,
        caseToken,
        status: 'draft' as const,
        requirements: recoveryRequirementStatus(recoveryCase, []),
      });
    },
  );

  api.get(
    '/api/v1/recovery/cases/:reference',
    {
      schema: {
        ...caseRoute('The case as its claimant sees it'),
        response: { 200: claimantRecoveryCaseSchema, 404: problemSchema },
      },
    },
    async (request) => view(await authenticate(request)),
  );

  api.post(
    '/api/v1/recovery/cases/:reference/verify-email',
    {
      schema: {
        ...caseRoute('Confirm the new email with the 6-digit code'),
        body: verifyEmailSchema,
        response: {
          200: claimantRecoveryCaseSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const recoveryCase = await authenticate(request);
      const verified = await verifyRecoveryEmail(
        deps,
        { recoveryCase, caseToken: bearerToken(request) ?? '', code: request.body.code },
        request.meta,
      );
      return view(verified);
    },
  );

  api.post(
    '/api/v1/recovery/cases/:reference/resend-code',
    {
      schema: {
        ...caseRoute('Send a new code (not within 60 s of the last, 5 an hour)'),
        response: { 202: z.object({}), 404: problemSchema, 409: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await resendRecoveryEmailCode(deps, await authenticate(request), request.meta);
      return reply.code(202).send({});
    },
  );

  api.post(
    '/api/v1/recovery/cases/:reference/declaration',
    {
      schema: {
        ...caseRoute('Record or replace the sworn statement (time, IP and user agent are recorded)'),
        body: declarationSchema,
        response: {
          200: claimantRecoveryCaseSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const recoveryCase = await authenticate(request);
      await recordRecoveryDeclaration(deps, { recoveryCase, fullName: request.body.fullName }, request.meta);
      return view(await authenticate(request));
    },
  );

  api.post(
    '/api/v1/recovery/cases/:reference/documents',
    {
      config: { multipartCsrf: true },
      schema: {
        ...caseRoute('Upload a document (multipart: kind, then file); PDF, JPEG or PNG, 10 MiB at most'),
        consumes: ['multipart/form-data'],
        response: {
          201: recoveryDocumentSchema,
          404: problemSchema,
          409: problemSchema,
          413: problemSchema,
          415: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const recoveryCase = await authenticate(request);
      await reserveUploadBytes(deps, request, recoveryCase.id);
      const document = await addRecoveryDocument(
        deps,
        { recoveryCase, readUpload: (onFile) => readMultipartUpload(request, onFile) },
        request.meta,
      );
      return reply
        .code(201)
        .send({ id: document.id, kind: document.kind, size: document.size, mediaType: document.mediaType });
    },
  );

  api.post(
    '/api/v1/recovery/cases/:reference/submit',
    {
      schema: {
        ...caseRoute('Send the case to support; 409 RECOVERY_INCOMPLETE lists what is missing'),
        response: {
          200: z.object({ status: z.literal('submitted') }),
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      await submitRecoveryCase(deps, await authenticate(request), request.meta);
      return { status: 'submitted' as const };
    },
  );
}
