import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { translator } from '../../views/i18n/index.ts';
import { AppError, tooManyRequests } from './errors.ts';
import { formRefusal, redirectAfterAction } from './form-action.ts';

/** A bare app whose one route refuses with `error`, shown as a form would show it. */
async function formAnswering(error: unknown) {
  const app = Fastify();
  app.decorateRequest('t', translator('fr'));
  app.post('/form', async (request, reply) => {
    try {
      throw error;
    } catch (caught) {
      const refused = formRefusal(request, reply, caught);
      return reply.code(refused.status).send(refused);
    }
  });
  app.post('/action', (request, reply) =>
    redirectAfterAction(request, reply, '/case', async () => {
      throw error;
    }),
  );
  await app.ready();
  return app;
}

describe('formRefusal', () => {
  it('shows field errors on the form with their status', async () => {
    const app = await formAnswering(
      new AppError('INVALID_CREDENTIALS', { errors: [{ field: 'p', code: 'x' }] }),
    );
    const answer = await app.inject({ method: 'POST', url: '/form' });
    assert.equal(answer.statusCode, 401);
    assert.deepEqual(answer.json(), { errors: [{ field: 'p', code: 'x' }], status: 401 });
  });

  it('says a throttle in words and keeps its Retry-After', async () => {
    const app = await formAnswering(tooManyRequests(30));
    const answer = await app.inject({ method: 'POST', url: '/form' });
    assert.equal(answer.statusCode, 429);
    assert.equal(answer.headers['retry-after'], '30');
    assert.match(answer.json().message, /30/);
  });

  it('leaves bugs, sign-in, CSRF and « not found » to the error handler', async () => {
    for (const error of [new Error('bug'), new AppError('NOT_FOUND'), new AppError('CSRF_FAILED')]) {
      const app = await formAnswering(error);
      const answer = await app.inject({ method: 'POST', url: '/form' });
      assert.notEqual(answer.statusCode, 200);
      assert.equal(answer.json().errors, undefined, String(error));
    }
  });
});

describe('redirectAfterAction', () => {
  it('comes back with the problem of a refused back-office action', async () => {
    const app = await formAnswering(new AppError('APPROVAL_BLOCKED'));
    const answer = await app.inject({ method: 'POST', url: '/action' });
    assert.equal(answer.statusCode, 303);
    assert.equal(answer.headers.location, '/case?problem=approval-blocked');
  });
});
