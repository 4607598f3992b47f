import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { cookieName, cookieOptions } from '../platform/http/cookies.ts';
import { PENDING_SIGN_IN_TTL_MS } from './second-factor.ts';

/** The pending sign-in's cookie (httpOnly, SameSite=Lax, __Host- on https), as long-lived as the row. */
export function setPendingSignInCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(
    cookieName(deps.config, 'mfa_pending'),
    token,
    cookieOptions(deps.config, PENDING_SIGN_IN_TTL_MS / 1000),
  );
}

export function readPendingSignInCookie(deps: Deps, request: FastifyRequest): string | null {
  const token = request.cookies[cookieName(deps.config, 'mfa_pending')];
  return token && token.length <= 100 ? token : null;
}

export function clearPendingSignInCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(cookieName(deps.config, 'mfa_pending'), cookieOptions(deps.config));
}
