import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

/** The application listening on a real loopback port, on a fresh PGlite database. */
export async function startTestServer(): Promise<TestApp & { baseUrl: string }> {
  const test = await buildTestApp('pglite');
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = test.app.server.address() as AddressInfo;
  return { ...test, baseUrl: `http://127.0.0.1:${port}` };
}
