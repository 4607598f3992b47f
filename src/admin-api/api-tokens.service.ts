import { recordAuditEvent } from '../audit/audit.service.ts';
import { MINUTE } from '../platform/clock.ts';
import { constantTimeEqual, hashToken } from '../platform/crypto/tokens.ts';
import type { Deps } from '../platform/deps.ts';
import { validationError } from '../platform/http/errors.ts';
import { type ApiToken, createApiTokenId, createApiTokenValue, parseApiToken } from './api-token.ts';
import {
  getApiTokenById,
  getApiTokenHashById,
  insertApiToken,
  listApiTokens as listApiTokenRows,
  revokeApiTokenById,
  touchApiTokenLastUsed,
} from './api-tokens.repository.ts';

type Actor = { type: 'system' | 'staff'; id: string | null };

// Compared against when the id is unknown, so a miss costs the same hashing as a hit.
const UNKNOWN_TOKEN_HASH = hashToken('ses_0000000000000000_unknown');

/** Creates a token named after the system that will use it; the clear token is returned once, never stored. */
export async function createApiToken(
  deps: Deps,
  rawName: string,
  actor: Actor,
): Promise<{ apiToken: ApiToken; token: string }> {
  const name = rawName.trim();
  if (!name) throw validationError([{ field: 'name', code: 'required' }]);
  if (name.length > 100) throw validationError([{ field: 'name', code: 'too_long' }]);
  const id = createApiTokenId();
  const token = createApiTokenValue(id);
  return deps.db.transaction().execute(async (tx) => {
    const apiToken = await insertApiToken(tx, {
      id,
      name,
      tokenHash: hashToken(token),
      createdAt: deps.clock.now(),
    });
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'api_token.created',
      ip: null,
      userAgent: null,
      // Audit keys never say "token" (see assertAuditDetailsAreSafe): the id is public anyway.
      details: { credentialId: id, name },
    });
    return { apiToken, token };
  });
}

/** The live token a bearer value belongs to, or null (unknown, wrong secret, revoked, malformed alike). */
export async function authenticateApiToken(deps: Deps, token: string): Promise<ApiToken | null> {
  const parsed = parseApiToken(token);
  if (!parsed) return null;
  const found = await getApiTokenHashById(deps.db, parsed.id);
  // Constant-time: the comparison never tells how much of a guessed hash was right.
  const matches = constantTimeEqual(hashToken(token), found?.tokenHash ?? UNKNOWN_TOKEN_HASH);
  if (!found || !matches || found.apiToken.revokedAt) return null;
  const now = deps.clock.now();
  await touchApiTokenLastUsed(deps.db, found.apiToken.id, now, MINUTE);
  return found.apiToken;
}

export function listApiTokens(deps: Pick<Deps, 'db'>): Promise<ApiToken[]> {
  return listApiTokenRows(deps.db);
}

/** Revokes a token at once: its next request is refused. */
export async function revokeApiToken(
  deps: Deps,
  id: string,
  actor: Actor,
): Promise<{ ok: true; apiToken: ApiToken } | { ok: false; reason: 'not_found' | 'already_revoked' }> {
  return deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeApiTokenById(tx, id, deps.clock.now());
    if (!revoked) {
      const existing = await getApiTokenById(tx, id);
      return { ok: false, reason: existing ? 'already_revoked' : 'not_found' };
    }
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'api_token.revoked',
      ip: null,
      userAgent: null,
      details: { credentialId: id, name: revoked.name },
    });
    return { ok: true, apiToken: revoked };
  });
}
