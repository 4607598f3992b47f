import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { AccountServicesTable } from '../platform/db/schema.ts';
import { type AccountService, domainLookupCandidates, type ServiceKind } from './service.ts';

/** All SQL on `account_services`: the hosting plans and domains an account holds. */

function toAccountService(row: Selectable<AccountServicesTable>): AccountService {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    name: row.name,
    panelUsername: row.panel_username,
    createdAt: row.created_at,
  };
}

/** An account's services: hosting plans first, then domains, each by name. */
export async function listServicesByAccount(db: DbOrTx, accountId: string): Promise<AccountService[]> {
  const rows = await db
    .selectFrom('account_services')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('kind', 'desc') // 'hosting' sorts after 'domain'; the plan is what customers look for first
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toAccountService);
}

/** One service of an account; null when it does not exist or belongs to another account. */
export async function getServiceOfAccountById(
  db: DbOrTx,
  accountId: string,
  serviceId: string,
): Promise<AccountService | null> {
  const row = await db
    .selectFrom('account_services')
    .selectAll()
    .where('id', '=', serviceId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? toAccountService(row) : null;
}

/**
 * Inserts a service whose name is already normalized (see `normalizeDomainName`). Returns null when
 * the domain already belongs to an account — this one or another — so the caller answers 409.
 */
export async function createService(
  tx: Tx,
  service: {
    id: string;
    accountId: string;
    kind: ServiceKind;
    name: string;
    panelUsername: string | null;
    createdAt: Date;
  },
): Promise<AccountService | null> {
  const row = await tx
    .insertInto('account_services')
    .values({
      id: service.id,
      account_id: service.accountId,
      kind: service.kind,
      name: service.name,
      panel_username: service.panelUsername,
      created_at: service.createdAt,
    })
    // The target names the partial unique index (domains only), so hosting names may repeat.
    .onConflict((oc) => oc.columns(['kind', 'name']).where('kind', '=', 'domain').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toAccountService(row) : null;
}

/**
 * The accounts holding the domain a hint names (a domain, a URL or an email address), matching
 * parent domains too (`www.example.fr` → `example.fr`). Usually one id; empty when none or when
 * the hint is not a domain name.
 */
export async function findAccountIdsByDomain(db: DbOrTx, domain: string): Promise<string[]> {
  const candidates = domainLookupCandidates(domain);
  if (candidates.length === 0) return [];
  const rows = await db
    .selectFrom('account_services')
    .select('account_id')
    .distinct()
    .where('kind', '=', 'domain')
    .where('name', 'in', candidates)
    .orderBy('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}
