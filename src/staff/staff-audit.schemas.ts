import { z } from 'zod';
import { auditActions } from '../audit/audit.ts';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const day = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'invalid_date')
    .optional(),
);

/**
 * The audit view's filters, as a query string (the page's GET form and the JSON route share it).
 * `account` takes an account id or a client number; `from` and `to` are days, both included.
 */
export const auditFiltersQuery = z.object({
  actorType: z.preprocess(
    emptyToUndefined,
    z.enum(['customer', 'staff', 'system', 'anonymous', 'api'], 'invalid').optional(),
  ),
  actor: z.preprocess(emptyToUndefined, z.string().trim().max(100, 'too_long').optional()),
  account: z.preprocess(emptyToUndefined, z.string().trim().max(100, 'too_long').optional()),
  action: z.preprocess(emptyToUndefined, z.enum(auditActions, 'invalid').optional()),
  from: day,
  to: day,
  before: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,19}$/, 'invalid')
      .optional(),
  ),
});
export type AuditFiltersQuery = z.output<typeof auditFiltersQuery>;
