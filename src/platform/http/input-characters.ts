import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, validationError } from './errors.ts';

// Control characters (C0, DEL, C1) other than tab and line breaks, and lone UTF-16 surrogates
// (\p{Cs} only matches an unpaired one under the u flag). PostgreSQL refuses NUL in text (a 500
// before this check), and none of them belongs in a name, an address or a message.
const FORBIDDEN = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

/** True when `value` holds a character no text field accepts. */
export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN.test(value);
}

/**
 * The fields of `input` (a parsed body, query or params) holding a forbidden character, named by
 * their path (`claimant.firstName`, `items.0`). Walked with an explicit stack: a deeply nested
 * JSON body cannot overflow the call stack.
 */
export function fieldsWithForbiddenCharacters(input: unknown, root = ''): string[] {
  const found: string[] = [];
  const stack: [string, unknown][] = [[root, input]];
  while (stack.length > 0) {
    const [path, value] = stack.pop() as [string, unknown];
    if (typeof value === 'string') {
      if (hasForbiddenCharacters(value)) found.push(path || 'body');
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value)) {
        const name = path ? `${path}.${key}` : key;
        // A field NAME can carry them too, and ends up in error messages and logs.
        if (hasForbiddenCharacters(key)) found.push(path || 'body');
        else stack.push([name, child]);
      }
    }
  }
  return found.sort();
}

function forbiddenFieldErrors(request: FastifyRequest): FieldError[] {
  const fields = [
    ...fieldsWithForbiddenCharacters(request.params),
    ...fieldsWithForbiddenCharacters(request.query),
    ...fieldsWithForbiddenCharacters(request.body),
  ];
  return [...new Set(fields)].map((field) => ({ field, code: 'invalid_characters' }));
}

/**
 * Refuses, with a 422 naming each field, any request whose params, query or body hold a control
 * character or broken Unicode — once for every route, before the route's own validation (and
 * after CSRF, which is registered first). Multipart fields are checked by the multipart reader.
 */
async function inputCharactersPlugin(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const errors = forbiddenFieldErrors(request);
    if (errors.length > 0) throw validationError(errors);
  });
}

export default fp(inputCharactersPlugin, { name: 'input-characters', dependencies: ['csrf'] });
