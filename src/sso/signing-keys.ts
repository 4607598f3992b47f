import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Clock } from '../platform/clock.ts';
import { open, seal } from '../platform/crypto/sealed-box.ts';
import type { Db, DbOrTx } from '../platform/db/database.ts';

const generateRsaKeyPair = promisify(generateKeyPair);

/** A private signing key as oidc-provider's `jwks` takes it. */
export type SigningJwk = { kid: string; alg: 'RS256'; use: 'sig'; kty: string; [member: string]: unknown };

/**
 * How long a retired key stays published: every token it signed must have expired first (the ID
 * token lives longest, ID_TOKEN_TTL_SECONDS in oidc-provider.ts), plus clients' JWKS caches.
 */
export const RETIRED_KEY_PUBLISHED_MS = 2 * 60 * 60 * 1000;

const keyAad = (kid: string) => `oidc_signing_keys:${kid}`;

async function newSigningKey(): Promise<{ kid: string; jwk: SigningJwk }> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const kid = randomBytes(9).toString('base64url');
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as SigningJwk;
  return { kid, jwk };
}

async function insertKey(db: DbOrTx, masterKey: Buffer, now: Date): Promise<string> {
  const { kid, jwk } = await newSigningKey();
  await db
    .insertInto('oidc_signing_keys')
    .values({
      kid,
      alg: 'RS256',
      sealed_jwk: seal(masterKey, JSON.stringify(jwk), keyAad(kid)),
      created_at: now,
    })
    .execute();
  return kid;
}

/**
 * The keys to publish, the signing one first (the newest that is not retired), each opened with the
 * master key. On the very first start there is none: one is generated, under a lock so that two
 * instances starting together agree on a single key.
 */
export async function loadSigningKeys(db: Db, masterKey: Buffer, now: Date): Promise<SigningJwk[]> {
  let rows = await publishedKeyRows(db, now);
  if (!rows.some((row) => row.retired_at === null)) {
    await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('sesame.oidc.signing_keys'))`.execute(tx);
      const active = await tx
        .selectFrom('oidc_signing_keys')
        .select('kid')
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      if (!active) await insertKey(tx, masterKey, now);
    });
    rows = await publishedKeyRows(db, now);
  }
  return rows.map((row) => JSON.parse(open(masterKey, row.sealed_jwk, keyAad(row.kid)).toString('utf8')));
}

function publishedKeyRows(db: DbOrTx, now: Date) {
  return db
    .selectFrom('oidc_signing_keys')
    .select(['kid', 'sealed_jwk', 'retired_at'])
    .where((eb) =>
      eb.or([
        eb('retired_at', 'is', null),
        eb('retired_at', '>', new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS)),
      ]),
    )
    .orderBy(sql`retired_at IS NULL`, 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** A fingerprint of the published key set: instances rebuild their provider when it changes. */
export async function signingKeysVersion(db: DbOrTx, now: Date): Promise<string> {
  const rows = await publishedKeyRows(db, now);
  return rows.map((row) => `${row.kid}:${row.retired_at ? 'r' : 'a'}`).join(',');
}

/**
 * `sesame oidc keys rotate`: a new key signs from now on; the previous ones stay published for
 * RETIRED_KEY_PUBLISHED_MS so that tokens they signed still verify, then drop out of the JWKS.
 */
export async function rotateSigningKeys(
  deps: { db: Db; masterKey: Buffer; clock: Clock },
  actor: { type: 'system'; id: string },
): Promise<{ kid: string; retired: string[] }> {
  const { db, masterKey } = deps;
  const now = new Date();
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('sesame.oidc.signing_keys'))`.execute(tx);
    const retired = await tx
      .updateTable('oidc_signing_keys')
      .set({ retired_at: now })
      .where('retired_at', 'is', null)
      .returning('kid')
      .execute();
    const kid = await insertKey(tx, masterKey, now);
    const retiredKids = retired.map((row) => row.kid);
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'sso.keys_rotated',
      ip: null,
      userAgent: null,
      details: { kid, retired: retiredKids.join(' ') },
    });
    return { kid, retired: retiredKids };
  });
}

/** Keys retired long enough that nothing they signed is still valid: deleted by housekeeping. */
export async function deleteExpiredSigningKeys(db: DbOrTx, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('oidc_signing_keys')
    .where('retired_at', '<', new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
