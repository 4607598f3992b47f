import { z } from 'zod';
import { type AccountType, accountTypes, isValidSiren } from '../../accounts/account.ts';
import { emailSchema } from '../../accounts/accounts.schemas.ts';

/** Request schemas of the claimant side. Messages are field-error codes (see `fieldError.*`). */

const name = (max: number) => z.string('required').trim().min(1, 'required').max(max, 'too_long');
// An optional text: blank means absent, so a form's empty field and a missing JSON member read the same.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .nullish()
    .transform((v) => (v ? v : null));
const optionalSiren = z
  .string()
  .nullish()
  .transform((v) => (v ? v.replace(/\s/g, '') : null))
  .refine((v) => v === null || isValidSiren(v), 'invalid_siren');

type HolderFields = { legalName: string | null; associationName: string | null };
type Hints = { clientNumber: string | null; domain: string | null; formerEmail: string | null };

/**
 * The rules the shape alone cannot say: at least one hint to find the account by, and the holder's
 * name for a company or an association. `path` maps a field to where the body carries it.
 */
function checkCaseRules(
  input: { accountType: AccountType; hints: Hints; holder: HolderFields },
  ctx: z.RefinementCtx,
  path: (field: 'hints' | 'legalName' | 'associationName') => PropertyKey[],
): void {
  const { clientNumber, domain, formerEmail } = input.hints;
  if (!clientNumber && !domain && !formerEmail)
    ctx.addIssue({ code: 'custom', path: path('hints'), message: 'recovery_hint_required' });
  if (input.accountType === 'company' && !input.holder.legalName)
    ctx.addIssue({ code: 'custom', path: path('legalName'), message: 'required' });
  if (input.accountType === 'association' && !input.holder.associationName)
    ctx.addIssue({ code: 'custom', path: path('associationName'), message: 'required' });
}

const hintsSchema = z.object({
  clientNumber: optionalText(40),
  domain: optionalText(253).transform((v) => v?.toLowerCase() ?? null),
  formerEmail: optionalText(254).transform((v) => v?.toLowerCase() ?? null),
});

const claimantSchema = z.object({
  firstName: name(100),
  lastName: name(100),
  legalName: optionalText(200),
  siren: optionalSiren,
  associationName: optionalText(200),
});

export const declarationSchema = z.object({
  accepted: z.literal(true, 'recovery_declaration_required'),
  fullName: name(200),
});

/** POST /api/v1/recovery/cases: the API takes the sworn statement with the case (API.md). */
export const createRecoveryCaseSchema = z
  .object({
    accountType: z.enum(accountTypes, 'invalid'),
    account: hintsSchema,
    claimant: claimantSchema,
    newEmail: emailSchema,
    declaration: declarationSchema,
  })
  .superRefine((body, ctx) =>
    checkCaseRules({ accountType: body.accountType, hints: body.account, holder: body.claimant }, ctx, (f) =>
      f === 'hints' ? ['account'] : ['claimant', f],
    ),
  );

/** The page's form (flat fields); the sworn statement comes later, on the case page. */
export const createRecoveryCaseFormSchema = z
  .object({
    accountType: z.enum(accountTypes, 'invalid'),
    clientNumber: optionalText(40),
    domain: optionalText(253).transform((v) => v?.toLowerCase() ?? null),
    formerEmail: optionalText(254).transform((v) => v?.toLowerCase() ?? null),
    firstName: name(100),
    lastName: name(100),
    legalName: optionalText(200),
    siren: optionalSiren,
    associationName: optionalText(200),
    newEmail: emailSchema,
  })
  .superRefine((form, ctx) =>
    checkCaseRules(
      {
        accountType: form.accountType,
        hints: { clientNumber: form.clientNumber, domain: form.domain, formerEmail: form.formerEmail },
        holder: form,
      },
      ctx,
      (f) => [f === 'hints' ? 'clientNumber' : f],
    ),
  );

/** The declaration form: a checkbox (`on`) and the full name. */
export const declarationFormSchema = z.object({
  accepted: z.literal('on', 'recovery_declaration_required'),
  fullName: name(200),
});

// Spaces are forgiven (people copy "123 456"); anything else that is not six digits is simply a wrong code.
export const verifyEmailSchema = z.object({ code: z.string('required').max(20, 'invalid') });

export const referenceParamsSchema = z.object({ reference: z.string().max(40) });
