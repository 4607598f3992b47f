import { randomUUID } from 'node:crypto';
import { createRandomToken, hashToken } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { tooManyRequests } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt } from '../../platform/throttle/throttle.service.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { insertRecoveryCase, updateRecoveryCase } from '../cases.repository.ts';
import { createRecoveryReference } from '../reference.ts';
import { recoveryCreationThrottleKeys } from './claimant-throttle.ts';
import {
  createRecoveryEmailCode,
  hashRecoveryEmailCode,
  RECOVERY_CODE_TTL_MINUTES,
  recoveryCodeExpiry,
} from './email-code.ts';
import { recoveryCodeEmail } from './emails/recovery-code.email.ts';

export type CreateRecoveryCaseInput = {
  accountType: RecoveryCase['accountType'];
  hints: RecoveryCase['hints'];
  claimant: RecoveryCase['claimant'];
  newEmail: { email: string; normalized: string };
  /** Required by the API, optional on the pages (taken on the case page before sending). */
  declaration: { fullName: string } | null;
  locale: RecoveryCase['locale'];
};

const REFERENCE_ATTEMPTS = 5;

/**
 * Opens a recovery case in draft and emails a code to the new address. The account hint is never
 * looked up here: the answer, the work and the time are the same whether it matches a fiche or
 * not (matching is support's job). Throttled per IP and per new address.
 */
export async function createRecoveryCase(
  deps: Deps,
  input: CreateRecoveryCaseInput,
  meta: RequestMeta,
): Promise<{ recoveryCase: RecoveryCase; caseToken: string }> {
  const keys = recoveryCreationThrottleKeys(input.newEmail.normalized, meta.ip);
  // Checked and counted in one locked step: concurrent creations cannot all pass an empty counter.
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, keys);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);

  const caseToken = createRandomToken(32);
  for (let attempt = 1; ; attempt++) {
    try {
      const recoveryCase = await deps.db
        .transaction()
        .execute((tx) => insertCaseWithCode(tx, deps, input, meta, hashToken(caseToken)));
      return { recoveryCase, caseToken };
    } catch (error) {
      // 40 random bits make a collision rare; a retry draws a fresh reference in a fresh transaction.
      if (!isUniqueViolation(error) || attempt >= REFERENCE_ATTEMPTS) throw error;
    }
  }
}

async function insertCaseWithCode(
  tx: Tx,
  deps: Deps,
  input: CreateRecoveryCaseInput,
  meta: RequestMeta,
  caseTokenHash: string,
): Promise<RecoveryCase> {
  const now = deps.clock.now();
  const created = await insertRecoveryCase(tx, {
    id: randomUUID(),
    reference: createRecoveryReference(),
    caseTokenHash,
    accountType: input.accountType,
    locale: input.locale,
    hints: input.hints,
    claimant: input.claimant,
    newEmail: input.newEmail.email,
    newEmailNormalized: input.newEmail.normalized,
    now,
  });
  await recordRecoveryEvent(tx, deps, created, {
    actor: { type: 'claimant' },
    action: 'recovery.case_created',
    meta,
    visibleToClaimant: true,
    details: { accountType: input.accountType },
  });
  await sendRecoveryEmailCode(tx, deps, created, meta);
  if (!input.declaration) return created;
  await saveDeclaration(tx, deps, created, input.declaration.fullName, meta);
  const declaration = { fullName: input.declaration.fullName, acceptedAt: now, ...meta };
  return { ...created, declaration };
}

/** Inside the caller's transaction: records (or replaces) the sworn statement with its time, IP and user agent. */
export async function saveDeclaration(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  recoveryCase: RecoveryCase,
  fullName: string,
  meta: RequestMeta,
): Promise<void> {
  const now = deps.clock.now();
  await updateRecoveryCase(tx, recoveryCase.id, {
    declaration_full_name: fullName,
    declaration_accepted_at: now,
    declaration_ip: meta.ip,
    declaration_user_agent: meta.userAgent,
    last_activity_at: now,
    updated_at: now,
  });
  await recordRecoveryEvent(tx, deps, recoveryCase, {
    actor: { type: 'claimant' },
    action: 'recovery.declaration_recorded',
    meta,
    visibleToClaimant: true,
  });
}

/**
 * Inside the caller's transaction: a fresh code replaces the previous one (its attempts start
 * again at zero) and goes to the new address. Only its HMAC is stored.
 */
export async function sendRecoveryEmailCode(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'masterKey'>,
  recoveryCase: RecoveryCase,
  meta: RequestMeta,
): Promise<void> {
  const now = deps.clock.now();
  const code = createRecoveryEmailCode();
  await updateRecoveryCase(tx, recoveryCase.id, {
    email_code_hash: hashRecoveryEmailCode(deps.masterKey, recoveryCase.id, code),
    email_code_expires_at: recoveryCodeExpiry(now),
    email_code_sent_at: now,
    email_code_attempts: 0,
    updated_at: now,
  });
  await enqueueEmail(tx, deps, {
    to: recoveryCase.newEmail,
    accountId: null,
    kind: 'recovery-code',
    rendered: recoveryCodeEmail.render(
      { code, reference: recoveryCase.reference, validMinutes: RECOVERY_CODE_TTL_MINUTES },
      recoveryCase.locale,
    ),
  });
  await recordRecoveryEvent(tx, deps, recoveryCase, {
    actor: { type: 'claimant' },
    action: 'recovery.email_code_sent',
    meta,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
