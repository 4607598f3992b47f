import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashPassword } from '../platform/crypto/passwords.ts';
import type { AccountUpdate } from '../platform/db/schema.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, validationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import type { Account } from './account.ts';
import {
  getAccountById,
  insertAccount,
  lockAccountById,
  nextClientNumber,
  updateAccount,
} from './accounts.repository.ts';
import { type CreateAccountInput, createAccountSchema, type UpdateAccountInput } from './accounts.schemas.ts';
import { passwordPolicyFieldErrors } from './password-change.service.ts';
import { checkPasswordPolicy } from './password-policy.ts';

/** Creates an account (CLI, admin API, demo). Refuses a taken email with EMAIL_TAKEN and a weak password with 422. */
export async function createAccount(
  deps: Deps,
  rawInput: CreateAccountInput,
  actor: { type: 'system' | 'api'; id: string | null },
): Promise<Account> {
  const input = parseOrThrow(createAccountSchema, rawInput);
  const now = deps.clock.now();
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const policy = checkPasswordPolicy(input.password, {
      requireCharacterClasses: deps.config.passwordRequireCharacterClasses,
      userInputs: [
        input.email.email,
        input.firstName,
        input.lastName,
        input.legalName,
        input.associationName,
      ].filter((v): v is string => Boolean(v)),
    });
    if (!policy.ok) throw validationError(passwordPolicyFieldErrors(deps, policy.reasons, 'password'));
    passwordHash = await hashPassword(input.password);
  }
  return deps.db.transaction().execute(async (tx) => {
    const account = await insertAccount(tx, {
      id: randomUUID(),
      client_number: await nextClientNumber(tx),
      type: input.type,
      email: input.email.email,
      email_normalized: input.email.normalized,
      // Created by the provider's own systems from a known address: counted as confirmed today.
      email_verified_at: now,
      phone: input.phone ?? null,
      phone_verified_at: input.phone ? now : null,
      address_line1: input.address?.line1 ?? null,
      address_line2: input.address?.line2 ?? null,
      postal_code: input.address?.postalCode ?? null,
      city: input.address?.city ?? null,
      country: input.address?.country ?? (input.address?.line1 ? 'FR' : null),
      first_name: input.firstName ?? null,
      last_name: input.lastName ?? null,
      legal_name: input.legalName ?? null,
      siren: input.siren ?? null,
      association_name: input.associationName ?? null,
      rna: input.rna ?? null,
      password_hash: passwordHash,
      password_changed_at: passwordHash ? now : null,
      locale: input.locale,
      created_at: now,
      updated_at: now,
    });
    if (!account) throw new AppError('EMAIL_TAKEN', { errors: [{ field: 'email', code: 'email_taken' }] });
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: account.id,
      action: 'account.created',
      ip: null,
      userAgent: null,
      details: { type: account.type, clientNumber: account.clientNumber },
    });
    return account;
  });
}

export async function getAccount(deps: Deps, id: string): Promise<Account> {
  const account = await getAccountById(deps.db, id);
  if (!account) throw new AppError('NOT_FOUND');
  return account;
}

/** Changes the phone, address or language of the fiche; a new phone counts as confirmed now. */
export async function updateAccountDetails(
  deps: Deps,
  accountId: string,
  input: UpdateAccountInput,
  meta: RequestMeta,
): Promise<Account> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const current = await lockAccountById(tx, accountId);
    if (!current) throw new AppError('NOT_FOUND');
    const changes: AccountUpdate = {};
    const changed: string[] = [];
    if (input.phone !== undefined) {
      changes.phone = input.phone;
      changes.phone_verified_at = input.phone ? now : null;
      changed.push('phone');
    }
    if (input.address !== undefined) {
      changes.address_line1 = input.address.line1 ?? null;
      changes.address_line2 = input.address.line2 ?? null;
      changes.postal_code = input.address.postalCode ?? null;
      changes.city = input.address.city ?? null;
      changes.country = input.address.country ?? (input.address.line1 ? 'FR' : null);
      changed.push('address');
    }
    if (input.locale !== undefined) {
      changes.locale = input.locale;
      changed.push('locale');
    }
    if (changed.length === 0) return current;
    changes.updated_at = now;
    const account = await updateAccount(tx, accountId, changes);
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: accountId },
      accountId,
      action: 'account.updated',
      ...meta,
      details: { fields: changed.join(',') },
    });
    return account;
  });
}

/** The customer says the phone on file is still theirs: the nudge goes away for a while. */
export async function confirmPhone(deps: Deps, accountId: string, meta: RequestMeta): Promise<Account> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const current = await lockAccountById(tx, accountId);
    if (!current) throw new AppError('NOT_FOUND');
    if (!current.phone) return current;
    const account = await updateAccount(tx, accountId, { phone_verified_at: now, updated_at: now });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: accountId },
      accountId,
      action: 'account.updated',
      ...meta,
      details: { fields: 'phone_confirmed' },
    });
    return account;
  });
}
