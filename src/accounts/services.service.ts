import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditActorType } from '../audit/audit.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { lockAccountById } from './accounts.repository.ts';
import type { AccountService } from './service.ts';
import { createService, getServiceOfAccountById, listServicesByAccount } from './services.repository.ts';
import { type CreateServiceInput, createServiceSchema } from './services.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attaches a hosting plan or a domain to an account (admin API, demo). NOT_FOUND for an unknown
 * account, CONFLICT (field `name`, `domain_taken`) when the domain is already held, 422 otherwise.
 */
export async function addServiceToAccount(
  deps: Deps,
  accountId: string,
  rawInput: CreateServiceInput,
  actor: { type: AuditActorType; id: string | null },
  meta: RequestMeta,
): Promise<AccountService> {
  // Not a uuid cannot name an account; PostgreSQL would refuse the cast with a 500 otherwise.
  if (!UUID.test(accountId)) throw new AppError('NOT_FOUND');
  const input = parseOrThrow(createServiceSchema, rawInput);
  return deps.db.transaction().execute(async (tx) => {
    // The lock keeps the account from disappearing between the check and the insert.
    const account = await lockAccountById(tx, accountId);
    if (!account) throw new AppError('NOT_FOUND');
    const service = await createService(tx, {
      id: randomUUID(),
      accountId: account.id,
      kind: input.kind,
      name: input.name,
      panelUsername: input.panelUsername,
      createdAt: deps.clock.now(),
    });
    if (!service) {
      throw new AppError('CONFLICT', { errors: [{ field: 'name', code: 'domain_taken' }] });
    }
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: account.id,
      action: 'service.created',
      ...meta,
      details: { serviceId: service.id, kind: service.kind, name: service.name },
    });
    return service;
  });
}

/** The services an account holds, for the customer's fiche and the staff account page. */
export function listAccountServices(deps: Pick<Deps, 'db'>, accountId: string): Promise<AccountService[]> {
  return listServicesByAccount(deps.db, accountId);
}

/** The service a ticket is about, if it still belongs to the ticket's account (null otherwise). */
export async function getTicketService(
  deps: Pick<Deps, 'db'>,
  ticket: { accountId: string | null; serviceId: string | null },
): Promise<AccountService | null> {
  if (!ticket.accountId || !ticket.serviceId) return null;
  return getServiceOfAccountById(deps.db, ticket.accountId, ticket.serviceId);
}
