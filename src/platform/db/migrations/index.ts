import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-24-001-foundation.ts';
import * as outbox from './2026-11-24-002-outbox.ts';
import * as passwordResetEmailChange from './2026-11-24-003-password-reset-email-change.ts';
import * as staff from './2026-11-24-004-staff.ts';
import * as servicesAndApiTokens from './2026-11-24-005-services-and-api-tokens.ts';
import * as recoveryCases from './2026-11-24-006-recovery-cases.ts';
import * as tickets from './2026-11-24-007-tickets.ts';
import * as documentChecks from './2026-11-24-008-document-checks.ts';
import * as sealedCheckEvidence from './2026-11-25-001-sealed-check-evidence.ts';
import * as staffEnrolment from './2026-12-07-001-staff-enrolment.ts';
import * as customerSecondFactor from './2026-12-07-002-customer-second-factor.ts';
import * as customerPasskeys from './2026-12-07-003-customer-passkeys.ts';
import * as openidProvider from './2026-12-07-004-openid-provider.ts';
import * as auditChainDeferred from './2026-12-07-005-audit-chain-deferred.ts';
import * as passwordResetRequests from './2026-12-07-006-password-reset-requests.ts';
import * as throttleInOneStatement from './2026-12-07-007-throttle-in-one-statement.ts';
import * as staffSearchIndexes from './2026-12-07-008-staff-search-indexes.ts';
import * as caseEventDocumentKind from './2026-12-08-001-case-event-document-kind.ts';
import * as recoveryCasesAccountIndex from './2026-12-08-002-recovery-cases-account-index.ts';
import * as ticketClosedBy from './2026-12-08-003-ticket-closed-by.ts';

/** Every migration in order. Names are date-prefixed; a shipped migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-001-foundation': foundation,
  '2026-11-24-002-outbox': outbox,
  '2026-11-24-003-password-reset-email-change': passwordResetEmailChange,
  '2026-11-24-004-staff': staff,
  '2026-11-24-005-services-and-api-tokens': servicesAndApiTokens,
  '2026-11-24-006-recovery-cases': recoveryCases,
  '2026-11-24-007-tickets': tickets,
  '2026-11-24-008-document-checks': documentChecks,
  '2026-11-25-001-sealed-check-evidence': sealedCheckEvidence,
  '2026-12-07-001-staff-enrolment': staffEnrolment,
  '2026-12-07-002-customer-second-factor': customerSecondFactor,
  '2026-12-07-003-customer-passkeys': customerPasskeys,
  '2026-12-07-004-openid-provider': openidProvider,
  '2026-12-07-005-audit-chain-deferred': auditChainDeferred,
  '2026-12-07-006-password-reset-requests': passwordResetRequests,
  '2026-12-07-007-throttle-in-one-statement': throttleInOneStatement,
  '2026-12-07-008-staff-search-indexes': staffSearchIndexes,
  '2026-12-08-001-case-event-document-kind': caseEventDocumentKind,
  '2026-12-08-002-recovery-cases-account-index': recoveryCasesAccountIndex,
  '2026-12-08-003-ticket-closed-by': ticketClosedBy,
};
