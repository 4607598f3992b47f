import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { allowedWhileEnrolmentOverdue, enrolmentDue } from './mfa-policy.ts';

/**
 * Holds customers whose enrolment deadline passed (MFA_REQUIRED): pages send them to
 * /account/security, the API answers 403 MFA_ENROLMENT_REQUIRED. Only sessions opened with the
 * password alone are checked; nothing runs when the rule is off.
 */
async function mfaPolicyPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  if (!deps.config.mfaPolicy.required) return;
  app.addHook('preHandler', async (request, reply) => {
    const customer = request.customer;
    if (customer?.session.authMethod !== 'password') return;
    const path = request.url.split('?')[0] ?? request.url;
    if (allowedWhileEnrolmentOverdue(path)) return;
    const due = await enrolmentDue(deps, customer.account.id);
    if (!due?.overdue) return;
    if (path.startsWith('/api/')) throw new AppError('MFA_ENROLMENT_REQUIRED');
    return reply.redirect('/account/security?enrol=1', 303);
  });
}

export default fp(mfaPolicyPlugin, { name: 'mfa-policy', dependencies: ['customer-session'] });
