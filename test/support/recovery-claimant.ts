import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AccountType } from '../../src/accounts/account.ts';
import { multipartBody } from './documents.ts';
import { queuedEmails } from './queued-emails.ts';
import type { TestApp } from './test-app.ts';

/** Helpers shared by the claimant tests (imported by tests only). */

let ipCounter = 0;
/** An IP of its own per call: the per-IP creation throttle must not leak from one test into another. */
export function freshIp(): string {
  ipCounter += 1;
  return `203.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

let emailCounter = 0;
export function freshEmail(): string {
  emailCounter += 1;
  return `nouvelle.adresse.${emailCounter}.${Date.now()}@example.net`;
}

export function caseBody(type: AccountType, overrides: Record<string, unknown> = {}) {
  return {
    accountType: type,
    account: { clientNumber: 'C-104233', domain: 'boulangerie-martin.fr' },
    claimant: {
      firstName: 'Camille',
      lastName: 'Martin',
      ...(type === 'company' ? { legalName: 'Boulangerie Martin SARL', siren: '732829320' } : {}),
      ...(type === 'association' ? { associationName: 'Les Amis du Vieux Lavoir' } : {}),
    },
    newEmail: freshEmail(),
    declaration: { accepted: true, fullName: 'Camille Martin' },
    ...overrides,
  };
}

export async function postCase(t: TestApp, body: unknown, ip = freshIp()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/recovery/cases',
    payload: body as object,
    remoteAddress: ip,
    headers: { 'user-agent': 'test-agent' },
  });
}

/** Opens a case through the API; returns its reference, token and new email. */
export async function openCase(
  t: TestApp,
  type: AccountType = 'individual',
  overrides: Record<string, unknown> = {},
) {
  const body = caseBody(type, overrides);
  const response = await postCase(t, body);
  if (response.statusCode !== 201)
    throw new Error(`case not created: ${response.statusCode} ${response.body}`);
  const { reference, caseToken } = response.json() as { reference: string; caseToken: string };
  return { reference, caseToken, newEmail: body.newEmail as string };
}

/** The code in the latest recovery-code email to `to`. */
export async function latestCode(t: TestApp, to: string): Promise<string> {
  const emails = await queuedEmails(t, { to, kind: 'recovery-code' });
  const match = /\b(\d{6})\b/.exec(emails.at(-1)?.text ?? '');
  if (!match?.[1]) throw new Error('no code email');
  return match[1];
}

export function callCase(t: TestApp, method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${token}` },
    remoteAddress: '192.0.2.10',
  });
}

export async function verifyCase(
  t: TestApp,
  opened: { reference: string; caseToken: string; newEmail: string },
) {
  const code = await latestCode(t, opened.newEmail);
  const response = await callCase(
    t,
    'POST',
    `/api/v1/recovery/cases/${opened.reference}/verify-email`,
    opened.caseToken,
    {
      code,
    },
  );
  if (response.statusCode !== 200) throw new Error(`not verified: ${response.body}`);
}

export function uploadDocument(
  t: TestApp,
  reference: string,
  token: string,
  kind: string,
  file: { bytes: Buffer; contentType?: string; filename?: string },
) {
  const { payload, headers } = multipartBody([
    { name: 'kind', value: kind },
    {
      name: 'file',
      filename: file.filename ?? 'piece.png',
      contentType: file.contentType ?? 'image/png',
      bytes: file.bytes,
    },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/recovery/cases/${reference}/documents`,
    payload,
    headers: { ...headers, authorization: `Bearer ${token}` },
  });
}

/** Audit actions recorded for a case, oldest first. */
export async function auditActionsOf(t: TestApp, reference: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .orderBy('seq')
    .execute();
  return rows
    .filter((r) => (r.details as { reference?: string } | null)?.reference === reference)
    .map((r) => r.action);
}

/** Stored document files under DATA_DIR (ciphertexts); [] when nothing was kept. */
export async function storedDocumentFiles(t: TestApp): Promise<string[]> {
  const dir = path.join(t.deps.config.dataDir, 'documents');
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}
