import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { type Account, accountDisplayName } from '../accounts/account.ts';
import { assertCurrentPassword } from '../accounts/current-password.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Session } from '../sessions/session.ts';
import {
  enqueueFactorChangeNotice,
  getFactorState,
  hasAnyFactor,
  lockAccountFactors,
  settleFactorRemoval,
} from './factor-state.ts';
import {
  type ChallengePurpose,
  consumeChallenge,
  deletePasskey,
  getPasskeyByCredentialId,
  insertChallenge,
  insertPasskey,
  listPasskeysOfAccount,
  PasskeyAlreadyRegisteredError,
  recordPasskeyUse,
  renamePasskey,
  type StoredPasskey,
} from './passkeys.repository.ts';
import { replaceRecoveryCodes } from './second-factor.repository.ts';
import { createRecoveryCodes, hashRecoveryCode } from './second-factor.ts';
import {
  FRESH_SIGN_IN_MS,
  passkeyName,
  relyingParty,
  WEBAUTHN_CHALLENGE_TTL_MS,
} from './webauthn-relying-party.ts';

/**
 * The WebAuthn library, loaded on first use: with its certificate and ASN.1 parsers it is a large
 * share of the app's start-up, which every process that never sees a passkey (CLI, workers) skips.
 */
const webauthn = () => import('@simplewebauthn/server');
const webauthnHelpers = () => import('@simplewebauthn/server/helpers');

/** Proof that the customer at the keyboard is the holder: the current password, or a sign-in of the last ten minutes. */
async function assertRecentProof(
  deps: Deps,
  auth: { account: Account; session: Session },
  currentPassword: string | undefined,
  meta: RequestMeta,
): Promise<void> {
  if (currentPassword) {
    await assertCurrentPassword(deps, auth.account, currentPassword, meta, 'currentPassword');
    return;
  }
  if (deps.clock.now().getTime() - auth.session.createdAt.getTime() <= FRESH_SIGN_IN_MS) return;
  throw new AppError('INVALID_CREDENTIALS', { errors: [{ field: 'currentPassword', code: 'required' }] });
}

async function storeChallenge(
  deps: Deps,
  challenge: string,
  purpose: ChallengePurpose,
  accountId: string | null,
) {
  const now = deps.clock.now();
  await insertChallenge(deps.db, {
    challenge,
    purpose,
    accountId,
    now,
    expiresAt: new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS),
  });
}

/** Options for adding a passkey: discoverable (so it can sign in without the password), user verification preferred. */
export async function passkeyRegistrationOptions(
  deps: Deps,
  auth: { account: Account; session: Session },
  currentPassword: string | undefined,
  meta: RequestMeta,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await assertRecentProof(deps, auth, currentPassword, meta);
  const rp = relyingParty(deps.config);
  const existing = await listPasskeysOfAccount(deps.db, auth.account.id);
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    // The user handle is the account's opaque id, never the email: it is all a password-less sign-in learns.
    userID: new Uint8Array(Buffer.from(auth.account.id, 'utf8')),
    userName: auth.account.email,
    userDisplayName: accountDisplayName(auth.account) || auth.account.email,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await storeChallenge(deps, options.challenge, 'registration', auth.account.id);
  return options;
}

function asTransports(values: string[]): AuthenticatorTransportFuture[] {
  return values as AuthenticatorTransportFuture[];
}

/** The challenge a browser answered, read from its clientDataJSON (the library checks the rest). */
async function answeredChallenge(clientDataJSON: string): Promise<string | null> {
  try {
    return (await webauthnHelpers()).decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    return null;
  }
}

const refused = () =>
  new AppError('INVALID_CODE', { errors: [{ field: 'passkey', code: 'passkey_refused' }] });

/**
 * Adds the passkey the browser just made. The challenge is used once (compare-and-set) and must
 * have been issued to this account. The first factor of an account comes with ten recovery codes,
 * returned this once.
 */
export async function registerPasskey(
  deps: Deps,
  account: Account,
  input: { name?: string; response: RegistrationResponseJSON },
  meta: RequestMeta,
): Promise<{ passkey: StoredPasskey; recoveryCodes: string[] | null }> {
  const rp = relyingParty(deps.config);
  const challenge = await answeredChallenge(input.response.response?.clientDataJSON ?? '');
  const issued = challenge
    ? await consumeChallenge(deps.db, challenge, 'registration', deps.clock.now())
    : undefined;
  if (!challenge || issued?.accountId !== account.id) throw refused();
  const verification = await (await webauthn())
    .verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    })
    .catch((error: unknown) => {
      deps.log.info(
        { reason: error instanceof Error ? error.message : 'unknown' },
        'passkey registration refused',
      );
      return null;
    });
  if (!verification?.verified) throw refused();
  const info = verification.registrationInfo;
  const name = passkeyName(input.name, deps.config.publicUrl.hostname);
  return deps.db.transaction().execute(async (tx) => {
    await lockAccountFactors(tx, account.id);
    const before = await getFactorState(tx, account.id);
    const passkey = await insertPasskey(tx, {
      accountId: account.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name,
      createdAt: deps.clock.now(),
    }).catch((error: unknown) => {
      if (error instanceof PasskeyAlreadyRegisteredError) throw new AppError('CONFLICT');
      throw error;
    });
    const recoveryCodes = hasAnyFactor(before) ? null : createRecoveryCodes();
    if (recoveryCodes)
      await replaceRecoveryCodes(tx, account.id, recoveryCodes.map(hashRecoveryCode), deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'mfa.passkey_added',
      ...meta,
      details: { passkeyId: passkey.id, backedUp: passkey.backedUp, userVerified: info.userVerified },
    });
    await enqueueFactorChangeNotice(tx, deps, account, { kind: 'passkey_added', name }, false);
    return { passkey, recoveryCodes };
  });
}

export async function renameCustomerPasskey(
  deps: Deps,
  account: Account,
  passkeyId: string,
  typedName: string,
  meta: RequestMeta,
): Promise<void> {
  const name = passkeyName(typedName, '');
  if (!name) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'name', code: 'required' }] });
  await deps.db.transaction().execute(async (tx) => {
    if (!(await renamePasskey(tx, account.id, passkeyId, name))) throw new AppError('NOT_FOUND');
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'mfa.passkey_renamed',
      ...meta,
      details: { passkeyId },
    });
  });
}

/** Removes one passkey after proof; the last factor gone takes the recovery codes with it. */
export async function removeCustomerPasskey(
  deps: Deps,
  auth: { account: Account; session: Session },
  passkeyId: string,
  currentPassword: string | undefined,
  meta: RequestMeta,
): Promise<void> {
  await assertRecentProof(deps, auth, currentPassword, meta);
  const { account } = auth;
  await deps.db.transaction().execute(async (tx) => {
    await lockAccountFactors(tx, account.id);
    const removed = await deletePasskey(tx, account.id, passkeyId);
    if (!removed) throw new AppError('NOT_FOUND');
    await settleFactorRemoval(tx, deps, account, meta, {
      action: 'mfa.passkey_removed',
      details: { passkeyId },
      change: { kind: 'passkey_removed', name: removed.name },
    });
  });
}

/**
 * Options for using a passkey: as the second factor (the account's credentials listed, user
 * verification preferred), or to sign in without a password (discoverable, user verification required).
 */
export async function passkeyAuthenticationOptions(
  deps: Deps,
  purpose: 'second_factor' | 'passwordless',
  accountId: string | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty(deps.config);
  const allow = accountId ? await listPasskeysOfAccount(deps.db, accountId) : [];
  const options = await (await webauthn()).generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    userVerification: purpose === 'passwordless' ? 'required' : 'preferred',
    allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
  });
  await storeChallenge(deps, options.challenge, purpose, accountId);
  return options;
}

export type PasskeyAssertion = { ok: true; passkey: StoredPasskey } | { ok: false; reason: string };

/**
 * Checks a WebAuthn assertion: the challenge is used first, once, and must be for this purpose
 * (and this account, as the second factor); then the credential must belong to the account, its
 * signature verify and its counter move forward. A password-less sign-in requires user verification.
 */
export async function verifyPasskeyAssertion(
  deps: Deps,
  response: AuthenticationResponseJSON,
  purpose: 'second_factor' | 'passwordless',
  expectedAccountId: string | null,
): Promise<PasskeyAssertion> {
  const now = deps.clock.now();
  const challenge = await answeredChallenge(response.response?.clientDataJSON ?? '');
  if (!challenge) return { ok: false, reason: 'no_challenge' };
  const issued = await consumeChallenge(deps.db, challenge, purpose, now);
  if (!issued || issued.accountId !== expectedAccountId) return { ok: false, reason: 'challenge_unknown' };
  const passkey =
    typeof response.id === 'string' ? await getPasskeyByCredentialId(deps.db, response.id) : null;
  if (!passkey || (expectedAccountId && passkey.accountId !== expectedAccountId))
    return { ok: false, reason: 'unknown_credential' };
  const handle = response.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== passkey.accountId)
    return { ok: false, reason: 'user_handle_mismatch' };
  const rp = relyingParty(deps.config);
  const verification = await (await webauthn())
    .verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.signCount,
        transports: asTransports(passkey.transports),
      },
      requireUserVerification: purpose === 'passwordless',
    })
    .catch((error: unknown) => {
      // A counter that went backwards lands here too: possibly a cloned authenticator.
      deps.log.info(
        { reason: error instanceof Error ? error.message : 'unknown' },
        'passkey assertion refused',
      );
      return null;
    });
  if (!verification?.verified) return { ok: false, reason: 'verification_failed' };
  const info = verification.authenticationInfo;
  await recordPasskeyUse(deps.db, passkey.id, {
    newCounter: info.newCounter,
    backedUp: info.credentialBackedUp,
    deviceType: info.credentialDeviceType,
    now,
  });
  return { ok: true, passkey };
}
