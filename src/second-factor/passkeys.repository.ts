import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { WebauthnChallengesTable } from '../platform/db/schema.ts';

/** All SQL of customers' passkeys and of the WebAuthn challenges their ceremonies use. */

export type ChallengePurpose = WebauthnChallengesTable['purpose'];

export type StoredPasskey = {
  id: string;
  accountId: string;
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

const passkeyColumns = [
  'id',
  'account_id',
  'credential_id',
  'public_key',
  'sign_count',
  'transports',
  'device_type',
  'backed_up',
  'name',
  'created_at',
  'last_used_at',
] as const;

type PasskeyRow = {
  id: string;
  account_id: string;
  credential_id: string;
  public_key: string;
  sign_count: string | number;
  transports: string;
  device_type: string;
  backed_up: boolean;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
};

function toPasskey(row: PasskeyRow): StoredPasskey {
  const transports: unknown = JSON.parse(row.transports);
  return {
    id: row.id,
    accountId: row.account_id,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
    signCount: Number(row.sign_count),
    transports: Array.isArray(transports) ? transports.filter((t) => typeof t === 'string') : [],
    deviceType: row.device_type,
    backedUp: row.backed_up,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listPasskeysOfAccount(db: DbOrTx, accountId: string): Promise<StoredPasskey[]> {
  const rows = await db
    .selectFrom('customer_passkeys')
    .select(passkeyColumns)
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPasskey);
}

export async function countPasskeysOfAccount(db: DbOrTx, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('customer_passkeys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getPasskeyByCredentialId(
  db: DbOrTx,
  credentialId: string,
): Promise<StoredPasskey | null> {
  const row = await db
    .selectFrom('customer_passkeys')
    .select(passkeyColumns)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return row ? toPasskey(row) : null;
}

export async function insertPasskey(
  tx: Tx,
  passkey: Omit<StoredPasskey, 'id' | 'lastUsedAt'>,
): Promise<StoredPasskey> {
  const row = await tx
    .insertInto('customer_passkeys')
    .values({
      id: randomUUID(),
      account_id: passkey.accountId,
      credential_id: passkey.credentialId,
      public_key: Buffer.from(passkey.publicKey).toString('base64url'),
      sign_count: String(passkey.signCount),
      transports: JSON.stringify(passkey.transports),
      device_type: passkey.deviceType,
      backed_up: passkey.backedUp,
      name: passkey.name,
      created_at: passkey.createdAt,
      last_used_at: null,
    })
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .returning(passkeyColumns)
    .executeTakeFirst();
  if (!row) throw new PasskeyAlreadyRegisteredError();
  return toPasskey(row);
}

/** The credential id is already stored (this authenticator was registered before). */
export class PasskeyAlreadyRegisteredError extends Error {
  constructor() {
    super('passkey already registered');
  }
}

/**
 * Records a use: the new sign counter and backup state. The counter only moves forward (compare
 * on the stored value); an authenticator that reports 0 (most synced passkeys) is not a clone.
 */
export async function recordPasskeyUse(
  db: DbOrTx,
  id: string,
  use: { newCounter: number; backedUp: boolean; deviceType: string; now: Date },
): Promise<void> {
  await db
    .updateTable('customer_passkeys')
    .set({
      sign_count: String(use.newCounter),
      backed_up: use.backedUp,
      device_type: use.deviceType,
      last_used_at: use.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function renamePasskey(
  db: DbOrTx,
  accountId: string,
  id: string,
  name: string,
): Promise<boolean> {
  const result = await db
    .updateTable('customer_passkeys')
    .set({ name })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePasskey(tx: Tx, accountId: string, id: string): Promise<StoredPasskey | null> {
  const row = await tx
    .deleteFrom('customer_passkeys')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returning(passkeyColumns)
    .executeTakeFirst();
  return row ? toPasskey(row) : null;
}

/** Removes every passkey of the account; returns how many there were. */
export async function deletePasskeysOfAccount(tx: Tx, accountId: string): Promise<number> {
  const rows = await tx
    .deleteFrom('customer_passkeys')
    .where('account_id', '=', accountId)
    .returning('id')
    .execute();
  await tx.deleteFrom('webauthn_challenges').where('account_id', '=', accountId).execute();
  return rows.length;
}

export async function insertChallenge(
  db: DbOrTx,
  row: { challenge: string; purpose: ChallengePurpose; accountId: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({
      id: randomUUID(),
      challenge: row.challenge,
      purpose: row.purpose,
      account_id: row.accountId,
      created_at: row.now,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Uses a challenge once: a compare-and-set on used_at, so of concurrent ceremonies answering the
 * same challenge exactly one gets it. Returns the account it was issued for (null for password-less)
 * or undefined when it is unknown, used, expired or issued for another purpose.
 */
export async function consumeChallenge(
  db: DbOrTx,
  challenge: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<{ accountId: string | null } | undefined> {
  const row = await db
    .updateTable('webauthn_challenges')
    .set({ used_at: now })
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  return row ? { accountId: row.account_id } : undefined;
}

/** Deletes challenges that expired before `before`; for housekeeping. */
export async function deleteEndedChallenges(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('webauthn_challenges')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
