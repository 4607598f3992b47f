import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { seal } from '../platform/crypto/sealed-box.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, type FieldError, validationError } from '../platform/http/errors.ts';
import {
  type ClientMetadata,
  clientSecretAad,
  getOidcClient,
  insertOidcClient,
  listOidcClientRows,
  markOidcClientDisabled,
  type OidcClient,
} from './oidc-clients.repository.ts';

export type CreateOidcClientInput = {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
  /** A browser or mobile application that cannot keep a secret: PKCE only, no refresh token. */
  public?: boolean;
  /** The provider's own application: the customer is not asked to consent. */
  firstParty?: boolean;
  /** Authenticates with `private_key_jwt`: its public keys, inline or at a URL. */
  jwks?: { keys: Record<string, unknown>[] };
  jwksUri?: string;
};

type Actor = { type: 'system' | 'api'; id: string | null };

/**
 * Registers a client. Confidential clients get a secret (`client_secret_basic`), shown once and kept
 * sealed with the master key — oidc-provider compares the secret itself, so a one-way hash cannot
 * be used — unless they authenticate with their own key pair (`private_key_jwt`).
 */
export async function createOidcClient(
  deps: Deps,
  input: CreateOidcClientInput,
  actor: Actor,
): Promise<{ client: OidcClient; clientSecret?: string }> {
  const name = input.name.trim();
  const errors: FieldError[] = [];
  if (!name) errors.push({ field: 'name', code: 'required' });
  else if (name.length > 100) errors.push({ field: 'name', code: 'too_long' });
  if (input.redirectUris.length === 0) errors.push({ field: 'redirectUris', code: 'required' });
  const production = deps.config.env === 'production';
  const checkUris = (field: string, uris: string[]) => {
    for (const uri of uris) {
      const code = redirectUriProblem(uri, production);
      if (code) errors.push({ field, code });
    }
  };
  checkUris('redirectUris', input.redirectUris);
  checkUris('postLogoutRedirectUris', input.postLogoutRedirectUris ?? []);
  checkUris('backchannelLogoutUri', input.backchannelLogoutUri ? [input.backchannelLogoutUri] : []);
  checkUris('jwksUri', input.jwksUri ? [input.jwksUri] : []);
  const withKeys = Boolean(input.jwks || input.jwksUri);
  if (input.public && withKeys) errors.push({ field: 'public', code: 'conflict' });
  if (input.jwks && (!Array.isArray(input.jwks.keys) || input.jwks.keys.length === 0))
    errors.push({ field: 'jwks', code: 'invalid' });
  if (errors.length) throw validationError(errors);

  const clientId = `sesame-${randomBytes(12).toString('base64url')}`;
  const authMethod = input.public ? 'none' : withKeys ? 'private_key_jwt' : 'client_secret_basic';
  const metadata: ClientMetadata = {
    client_id: clientId,
    client_name: name,
    application_type: 'web',
    redirect_uris: input.redirectUris,
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    response_types: ['code'],
    // Refresh tokens only for clients that authenticate (a public client could not protect one).
    grant_types: input.public ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: authMethod,
    ...(input.backchannelLogoutUri
      ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: false }
      : {}),
    ...(input.jwks ? { jwks: input.jwks } : {}),
    ...(input.jwksUri ? { jwks_uri: input.jwksUri } : {}),
  };
  const clientSecret =
    authMethod === 'client_secret_basic' ? randomBytes(32).toString('base64url') : undefined;
  const firstParty = Boolean(input.firstParty);
  await deps.db.transaction().execute(async (tx) => {
    await insertOidcClient(tx, {
      metadata,
      sealedSecret: clientSecret ? seal(deps.masterKey, clientSecret, clientSecretAad(clientId)) : null,
      firstParty,
      createdAt: deps.clock.now(),
    });
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'sso.client_created',
      ip: null,
      userAgent: null,
      details: { clientId, name, authMethod, firstParty },
    });
  });
  const client = await getOidcClient(deps.db, clientId);
  if (!client) throw new Error('the client just created cannot be read back');
  return clientSecret ? { client, clientSecret } : { client };
}

/** Why a URI cannot be registered, or null: absolute http(s), no fragment, https outside loopback in production. */
export function redirectUriProblem(uri: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'invalid_url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid_url';
  if (url.hash) return 'fragment_not_allowed';
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (production && url.protocol === 'http:' && !loopback) return 'https_required';
  return null;
}

export function listOidcClients(deps: Deps): Promise<OidcClient[]> {
  return listOidcClientRows(deps.db);
}

/**
 * Disables a client at once: it can no longer authenticate or start a sign-in, and every grant and
 * token it holds is deleted (its refresh tokens stop working). Throws NOT_FOUND for an unknown id.
 */
export async function disableOidcClient(deps: Deps, clientId: string, actor: Actor): Promise<OidcClient> {
  await deps.db.transaction().execute(async (tx) => {
    const existing = await getOidcClient(tx, clientId);
    if (!existing) throw new AppError('NOT_FOUND');
    if (!(await markOidcClientDisabled(tx, clientId, deps.clock.now()))) return;
    const revoked = await tx.deleteFrom('oidc_payloads').where('client_id', '=', clientId).executeTakeFirst();
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'sso.client_disabled',
      ip: null,
      userAgent: null,
      details: { clientId, revoked: Number(revoked.numDeletedRows) },
    });
  });
  const client = await getOidcClient(deps.db, clientId);
  if (!client) throw new AppError('NOT_FOUND');
  return client;
}
