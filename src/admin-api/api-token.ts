import { randomBytes } from 'node:crypto';
import { createRandomToken } from '../platform/crypto/tokens.ts';

/**
 * Bearer tokens of the admin API, for the provider's other systems (billing, hosting panel).
 * A token reads `ses_<id>_<secret>`: the id is public and finds the row, the 256-bit secret is
 * checked against the SHA-256 stored for it. Neither the token nor the secret is ever stored.
 */

export type ApiToken = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

// 16 hex characters: the id never contains the separator, so the secret may (base64url has "_").
const TOKEN_FORMAT = /^ses_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A new public id: 64 random bits, enough that two tokens never share one. */
export function createApiTokenId(): string {
  return randomBytes(8).toString('hex');
}

/** A new token for `id`, with a fresh 256-bit secret from the CSPRNG. */
export function createApiTokenValue(id: string): string {
  return `ses_${id}_${createRandomToken(32)}`;
}

/** Splits a presented token into its id, or null when it cannot be one of ours. */
export function parseApiToken(token: string): { id: string } | null {
  const match = TOKEN_FORMAT.exec(token);
  return match?.[1] ? { id: match[1] } : null;
}

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750: the scheme is case-insensitive),
 * or null when the header is absent or uses another scheme.
 */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
