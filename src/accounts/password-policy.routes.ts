import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PASSWORD_BYTES } from '../platform/crypto/passwords.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { personalInputs } from './password-change.service.ts';
import { checkPasswordPolicy, minimumPasswordLength, passwordPolicyReasons } from './password-policy.ts';

const policyCheckBody = z.object({
  password: z.string('required').max(MAX_PASSWORD_BYTES, 'too_long'),
  // Capped like the account fields they come from: the policy compares each with the password.
  email: z.string().max(254, 'too_long').optional(),
  firstName: z.string().max(200, 'too_long').optional(),
  lastName: z.string().max(200, 'too_long').optional(),
  name: z.string().max(200, 'too_long').optional(),
});

const policyCheckResult = z.object({
  ok: z.boolean(),
  score: z.number().int().min(0).max(4),
  /** The label of the score for the meter ("Fort"), in the request's language. */
  strength: z.string(),
  /** "Ce mot de passe respecte les règles." when ok, else empty. */
  summary: z.string(),
  reasons: z.array(z.object({ code: z.enum(passwordPolicyReasons), message: z.string() })),
});

/**
 * Live feedback on a new password as the customer types (password-feedback.js). Advisory only:
 * the services enforce the same policy when the form is submitted.
 */
export default async function passwordPolicyRoutes(
  app: FastifyInstance,
  { requireCharacterClasses }: { requireCharacterClasses: boolean },
) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/password/policy-check',
    {
      // A few kilobytes are plenty; the app's 1 MiB limit is for document uploads.
      bodyLimit: 8 * 1024,
      // zxcvbn costs up to ~100 ms of CPU on crafted input: 60 checks a minute per IP is plenty for typing.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['customer'],
        summary: 'Check a new password against the password policy (advisory; enforced on submit)',
        body: policyCheckBody,
        response: { 200: policyCheckResult, 413: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { password, ...typed } = request.body;
      // A signed-in customer changing a password has no name or email field on the page: use the fiche.
      const account = request.customer?.account;
      const userInputs = [...Object.values(typed), ...(account ? personalInputs(account) : [])].filter(
        (value): value is string => Boolean(value),
      );
      const result = checkPasswordPolicy(password, { requireCharacterClasses, userInputs });
      const score = Math.min(4, Math.max(0, result.score)) as 0 | 1 | 2 | 3 | 4;
      // The answer describes a password: no cache, no proxy, no back-forward cache may keep it.
      reply.header('cache-control', 'no-store');
      return {
        ok: result.ok,
        score,
        strength: request.t(`password.strength_${score}`),
        summary: result.ok ? request.t('password.ok') : '',
        reasons: (result.ok ? [] : result.reasons).map((code) => ({
          code,
          message: request.t(`fieldError.${code}`, {
            min: minimumPasswordLength(requireCharacterClasses),
          }),
        })),
      };
    },
  );
}
