import type { Account } from '../accounts/account.ts';
import { searchAccounts } from '../accounts/account-search.repository.ts';
import { getAccountById } from '../accounts/accounts.repository.ts';
import type { AccountService } from '../accounts/service.ts';
import { listServicesByAccount } from '../accounts/services.repository.ts';
import { listAuditEventsForAccount, recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditEvent } from '../audit/audit.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import type { RecoveryCase } from '../recovery/case.ts';
import { listOpenRecoveryCasesByAccount } from '../recovery/cases.repository.ts';
import type { Session } from '../sessions/session.ts';
import { revokeSessionById } from '../sessions/sessions.repository.ts';
import { listSessions } from '../sessions/sessions.service.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { listOpenTicketsByAccount } from '../tickets/tickets.repository.ts';
import { assertStaffCan, can } from './core/permissions.ts';
import type { StaffUser } from './core/staff.ts';
import { listStaffNamesById } from './staff-users.service.ts';

type Staff = Pick<StaffUser, 'id' | 'role'>;

/** Support's search by email, client number, name, SIREN or domain. The query itself is audited. */
export async function searchAccountsAsStaff(
  deps: Deps,
  staff: Staff,
  query: string,
  meta: RequestMeta,
): Promise<Account[]> {
  assertStaffCan(staff.role, 'accounts.search');
  const accounts = await searchAccounts(deps.db, query);
  if (query.trim().length >= 2) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'staff', id: staff.id },
        accountId: null,
        action: 'staff.accounts.searched',
        ...meta,
        details: { query: query.trim().slice(0, 100), results: accounts.length },
      }),
    );
  }
  return accounts;
}

export type AccountDossier = {
  account: Account;
  services: AccountService[];
  sessions: Session[];
  auditEvents: AuditEvent[];
  /** Staff actors of those events, shown by name. */
  staffNames: Map<string, string>;
  /** Recovery cases linked to the account and not finished (empty when the member may not review). */
  openRecoveryCases: RecoveryCase[];
  /** Tickets of the account not closed (empty when the member may not see tickets). */
  openTickets: Ticket[];
};

/** Everything support sees of one account. Each look is audited: it is access to personal data. */
export async function getAccountDossier(
  deps: Deps,
  staff: Staff,
  accountId: string,
  meta: RequestMeta,
): Promise<AccountDossier> {
  assertStaffCan(staff.role, 'accounts.view');
  const account = await getAccountById(deps.db, accountId);
  if (!account) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId,
      action: 'staff.account.viewed',
      ...meta,
    }),
  );
  const [services, sessions, auditEvents, staffNames, openRecoveryCases, openTickets] = await Promise.all([
    listServicesByAccount(deps.db, accountId),
    listSessions(deps, accountId),
    listAuditEventsForAccount(deps.db, accountId, 20),
    listStaffNamesById(deps),
    can(staff.role, 'recovery.review') ? listOpenRecoveryCasesByAccount(deps.db, accountId) : [],
    can(staff.role, 'tickets.view') ? listOpenTicketsByAccount(deps.db, accountId) : [],
  ]);
  return { account, services, sessions, auditEvents, staffNames, openRecoveryCases, openTickets };
}

/** Support ends one of a customer's sessions (a stolen device reported by phone); NOT_FOUND if it was not live. */
export async function revokeCustomerSessionAsStaff(
  deps: Deps,
  staff: Staff,
  accountId: string,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  assertStaffCan(staff.role, 'accounts.revoke_sessions');
  await deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeSessionById(tx, accountId, sessionId, deps.clock.now());
    if (!revoked) throw new AppError('NOT_FOUND');
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId,
      action: 'session.revoked',
      ...meta,
      details: { sessionId },
    });
  });
}
