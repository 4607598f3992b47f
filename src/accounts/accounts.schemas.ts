import { z } from 'zod';
import {
  accountTypes,
  isValidPostalCode,
  isValidRna,
  isValidSiren,
  normalizeEmail,
  normalizePhone,
} from './account.ts';
import { isKnownCountry } from './countries.ts';

/** Request schemas of the accounts domain. Messages are field-error codes (see `fieldError.*`). */

const name = z.string('required').trim().min(1, 'required').max(100, 'too_long');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const emailSchema = z
  .string('required')
  .min(1, 'required')
  .max(254, 'invalid_email')
  .transform((value, ctx) => {
    const result = normalizeEmail(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: 'invalid_email' });
      return z.NEVER;
    }
    return result;
  });

export const phoneSchema = z
  .string()
  .max(40, 'invalid_phone')
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const phone = normalizePhone(value);
    if (!phone) ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
    return phone;
  });

export const addressSchema = z
  .object({
    line1: optionalText(200),
    line2: optionalText(200),
    postalCode: optionalText(12),
    city: optionalText(100),
    country: optionalText(2).transform((v) => v?.toUpperCase() ?? null),
  })
  .superRefine((address, ctx) => {
    if (address.country && !isKnownCountry(address.country)) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'invalid_country' });
    }
    if (address.postalCode && !isValidPostalCode(address.postalCode, address.country ?? null)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'invalid_postal_code' });
    }
    if (address.line1 || address.postalCode || address.city) {
      for (const key of ['line1', 'postalCode', 'city'] as const) {
        if (!address[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
      }
    }
  });

/** PATCH /api/v1/account and the fiche form: what the customer may change directly. */
export const updateAccountSchema = z
  .object({
    phone: phoneSchema.optional(),
    address: addressSchema.optional(),
    locale: z.enum(['fr', 'en'], 'invalid').optional(),
  })
  .strict();
export type UpdateAccountInput = z.output<typeof updateAccountSchema>;

// Each type names its holder: the person, the company and its contact, the association and its president.
const requiredHolderFields = {
  individual: ['firstName', 'lastName'],
  company: ['legalName', 'siren', 'firstName', 'lastName'],
  association: ['associationName', 'firstName', 'lastName'],
} as const;

/** `sesame account create` and POST /api/v1/admin/accounts. */
export const createAccountSchema = z
  .object({
    type: z.enum(accountTypes, 'invalid'),
    email: emailSchema,
    password: z.string().max(1024, 'password_too_long').optional(),
    firstName: name.optional(),
    lastName: name.optional(),
    legalName: name.max(200, 'too_long').optional(),
    siren: z
      .string()
      .transform((v) => v.replace(/\s/g, ''))
      .refine(isValidSiren, 'invalid_siren')
      .optional(),
    associationName: name.max(200, 'too_long').optional(),
    rna: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .refine(isValidRna, 'invalid_rna')
      .optional(),
    phone: phoneSchema.optional(),
    address: addressSchema.optional(),
    locale: z.enum(['fr', 'en'], 'invalid').default('fr'),
  })
  .superRefine(
    (input, ctx) => {
      // The input may be partly invalid here (see `when`): read it as the raw object it is.
      const raw = input as Record<string, unknown>;
      const type = raw.type;
      if (type !== 'individual' && type !== 'company' && type !== 'association') return;
      for (const key of requiredHolderFields[type]) {
        if (raw[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
      }
    },
    // Run even when other fields failed, so that every missing field is reported at once
    // (but not on a body that is not an object at all).
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type CreateAccountInput = z.input<typeof createAccountSchema>;
