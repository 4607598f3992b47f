import type { StoredPasskey } from './passkeys.repository.ts';

/** A passkey as the customer sees it (never its public key or credential id). */
export type PasskeyView = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced by its provider (iCloud Keychain, Google Password Manager…) rather than bound to one device. */
  backedUp: boolean;
};

export function presentPasskey(passkey: StoredPasskey): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    backedUp: passkey.backedUp,
  };
}
