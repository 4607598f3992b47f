import { z } from 'zod';
import { accountTypes } from '../../accounts/account.ts';
import { recoveryStatuses } from '../case.ts';
import { documentKinds, documentMediaTypes, optionalDocumentKinds } from '../documents/document-kinds.ts';
import type { RecoveryCaseView } from './claimant-access.ts';

/** The claimant's JSON view of a case: never a token hash, a staff note or a staff id. */

const requirementKinds = [...documentKinds, 'new_email_verified', 'declaration'] as const;

export const recoveryRequirementsSchema = z.array(
  z.object({ kind: z.enum(requirementKinds), satisfied: z.boolean() }),
);

export const recoveryDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  size: z.number().int(),
  mediaType: z.enum(documentMediaTypes),
});

export const claimantRecoveryCaseSchema = z
  .object({
    reference: z.string(),
    status: z.enum(recoveryStatuses),
    accountType: z.enum(accountTypes),
    requirements: recoveryRequirementsSchema,
    // Never among the requirements: the case can be submitted without them.
    optionalDocuments: z.array(z.enum(documentKinds)).meta({
      description:
        'Document kinds this account type may add but need not, e.g. identity_back when the identity document carries its machine-readable zone on the back',
    }),
    newEmail: z.string(),
    newEmailVerified: z.boolean(),
    documents: z.array(recoveryDocumentSchema.extend({ uploadedAt: z.string() })),
    infoRequest: z.string().nullable(),
    events: z.array(
      z.object({
        event: z.string(),
        occurredAt: z.string(),
        message: z.string().nullable(),
        documentKind: z
          .enum(documentKinds)
          .nullable()
          .meta({ description: 'The piece a `document_added` entry is about; null for other entries' }),
      }),
    ),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
  })
  .meta({ id: 'ClaimantRecoveryCase' });

export function presentClaimantRecoveryCase(
  view: RecoveryCaseView,
): z.infer<typeof claimantRecoveryCaseSchema> {
  const c = view.recoveryCase;
  return {
    reference: c.reference,
    status: c.status,
    accountType: c.accountType,
    requirements: view.requirements,
    optionalDocuments: [...optionalDocumentKinds[c.accountType]],
    newEmail: c.newEmail,
    newEmailVerified: c.newEmailVerifiedAt !== null,
    documents: view.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      size: d.size,
      mediaType: d.mediaType,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    // Support's question matters only while the case waits for the answer.
    infoRequest: c.status === 'awaiting_claimant' ? c.infoRequestMessage : null,
    events: view.events.map((e) => ({
      event: e.event,
      occurredAt: e.occurredAt.toISOString(),
      message: e.message,
      documentKind: e.documentKind,
    })),
    createdAt: c.createdAt.toISOString(),
    submittedAt: c.submittedAt?.toISOString() ?? null,
  };
}
