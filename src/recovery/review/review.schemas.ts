import { z } from 'zod';
import { recoveryStatuses } from '../case.ts';
import { recoveryDecisions } from './decision.service.ts';

/** Request schemas of the staff review. Forms and JSON share them (forms send strings). */

const note = z.string('required').trim().min(1, 'required').max(2000, 'too_long');

/** `?status=submitted` or `?status=submitted,in_review`; empty means the open queue. */
export const recoveryQueueQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(recoveryStatuses, 'invalid')).max(8)),
  // An empty field of the GET form means "any age".
  olderThanDays: z
    .union([z.literal('').transform(() => undefined), z.coerce.number().int('invalid').min(0).max(3650)])
    .optional(),
});

export const recoveryReferenceParams = z.object({ reference: z.string().min(1).max(40) });
export const recoveryDocumentParams = z.object({
  reference: z.string().min(1).max(40),
  id: z.uuid('invalid'),
});
export const recoveryFlagParams = recoveryDocumentParams;

export const recoveryDocumentQuery = z.object({ inline: z.string().optional() });

export const linkAccountBody = z.object({ accountId: z.uuid('invalid') });

/** A checkbox-free yes/no: forms send "yes"/"no", JSON a boolean. */
const yesNo = z.union([
  z.boolean(),
  z.enum(['yes', 'no', 'true', 'false'], 'required').transform((v) => v === 'yes' || v === 'true'),
]);

export const checklistBody = z.object({
  item: z.string('required').min(1, 'required').max(100),
  verified: yesNo,
  note,
});

export const resolveFlagBody = z.object({ note });

export const decisionBody = z
  .object({
    decision: z.enum(recoveryDecisions, 'invalid'),
    reason: z.string().trim().max(4000, 'too_long').optional().default(''),
  })
  .superRefine((value, ctx) => {
    // The claimant reads the message or the reason: asking or refusing without words is not allowed.
    if (value.decision !== 'approve' && value.reason.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
    }
  });

/** Page search for the account to link. */
export const linkSearchQuery = z.object({ q: z.string().trim().max(200, 'too_long').optional().default('') });
