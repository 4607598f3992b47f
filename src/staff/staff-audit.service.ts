import { getAccountIdByClientNumber } from '../accounts/account-search.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditEvent } from '../audit/audit.ts';
import { auditEventsCsv } from '../audit/audit-csv.ts';
import { type AuditEventFilters, listAuditEventsPage } from '../audit/audit-search.repository.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { assertStaffCan } from './core/permissions.ts';
import type { StaffUser } from './core/staff.ts';
import type { AuditFiltersQuery } from './staff-audit.schemas.ts';
import { listStaffNamesById } from './staff-users.service.ts';

type Staff = Pick<StaffUser, 'id' | 'role'>;

export const AUDIT_VIEW_PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Query-string filters to repository filters; an account that does not exist matches nothing. */
async function resolveFilters(deps: Deps, query: AuditFiltersQuery): Promise<AuditEventFilters> {
  let accountId: string | undefined;
  if (query.account) {
    accountId = UUID.test(query.account)
      ? query.account.toLowerCase()
      : ((await getAccountIdByClientNumber(deps.db, query.account)) ??
        '00000000-0000-0000-0000-000000000000');
  }
  return {
    actorType: query.actorType,
    actorId: query.actor,
    accountId,
    action: query.action,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "to" is a day, included: the bound is the start of the next day.
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) : undefined,
  };
}

/** Flattens the filters for the audit event that records their use (no secret can be in them). */
function describeFilters(query: AuditFiltersQuery) {
  return {
    actorType: query.actorType ?? null,
    actor: query.actor ?? null,
    account: query.account ?? null,
    filterAction: query.action ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
}

export type AuditPage = { events: AuditEvent[]; nextBefore: string | null; staffNames: Map<string, string> };

/** One page of the audit log for a supervisor or admin, newest first; `nextBefore` leads to the next page. */
export async function listAuditEventsAsStaff(
  deps: Deps,
  staff: Staff,
  query: AuditFiltersQuery,
  meta: RequestMeta,
): Promise<AuditPage> {
  assertStaffCan(staff.role, 'audit.view');
  const filters = await resolveFilters(deps, query);
  // One more than a page tells whether there is a next page without counting the whole log.
  const rows = await listAuditEventsPage(deps.db, filters, {
    beforeSeq: query.before,
    limit: AUDIT_VIEW_PAGE_SIZE + 1,
  });
  const events = rows.slice(0, AUDIT_VIEW_PAGE_SIZE);
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: null,
      action: 'staff.audit.viewed',
      ...meta,
      details: describeFilters(query),
    }),
  );
  return {
    events,
    nextBefore: rows.length > AUDIT_VIEW_PAGE_SIZE ? (events.at(-1)?.seq ?? null) : null,
    staffNames: await listStaffNamesById(deps),
  };
}

/** The filtered audit log as CSV lines, read a page at a time. The export itself is audited first. */
export async function exportAuditEventsCsv(
  deps: Deps,
  staff: Staff,
  query: AuditFiltersQuery,
  meta: RequestMeta,
): Promise<AsyncGenerator<string>> {
  assertStaffCan(staff.role, 'audit.export');
  const filters = await resolveFilters(deps, query);
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: null,
      action: 'staff.audit.exported',
      ...meta,
      details: describeFilters(query),
    }),
  );
  async function* events(): AsyncGenerator<AuditEvent> {
    let before = query.before;
    for (;;) {
      const page = await listAuditEventsPage(deps.db, filters, {
        beforeSeq: before,
        limit: EXPORT_PAGE_SIZE,
      });
      yield* page;
      if (page.length < EXPORT_PAGE_SIZE) return;
      before = page.at(-1)?.seq;
    }
  }
  return auditEventsCsv(events());
}
