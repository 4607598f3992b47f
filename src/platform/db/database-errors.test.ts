import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabaseUnreachableError } from './database-errors.ts';

describe('isDatabaseUnreachableError', () => {
  const socketError = (code: string, syscall: string) =>
    Object.assign(new Error(`${syscall} ${code}`), { code, syscall, errno: -104 });

  it('knows a server shutting down, a connection refused or reset, and a dropped node-postgres client', () => {
    assert.equal(
      isDatabaseUnreachableError(Object.assign(new Error('terminating'), { code: '57P01' })),
      true,
    );
    assert.equal(isDatabaseUnreachableError(Object.assign(new Error('no route'), { code: '08006' })), true);
    assert.equal(isDatabaseUnreachableError(socketError('ECONNREFUSED', 'connect')), true);
    assert.equal(isDatabaseUnreachableError(socketError('ECONNRESET', 'read')), true);
    assert.equal(isDatabaseUnreachableError(socketError('EPIPE', 'write')), true);
    assert.equal(isDatabaseUnreachableError(new Error('Connection terminated unexpectedly')), true);
  });

  it('is not fooled by a failed statement or an HTTP body cut short by the client', () => {
    assert.equal(
      isDatabaseUnreachableError(Object.assign(new Error('duplicate key'), { code: '23505' })),
      false,
    );
    // What Node's HTTP server gives when the client goes away mid-body: ECONNRESET with no system call.
    assert.equal(
      isDatabaseUnreachableError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })),
      false,
    );
    assert.equal(isDatabaseUnreachableError(socketError('ECONNREFUSED', 'read')), false);
    assert.equal(isDatabaseUnreachableError('ECONNRESET'), false);
  });
});
