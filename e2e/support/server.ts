import { type AddressInfo, createServer } from 'node:net';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

/** The application listening on a real loopback port, on a fresh PGlite database. */
export async function startTestServer(): Promise<TestApp & { baseUrl: string }> {
  const test = await buildTestApp('pglite');
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = test.app.server.address() as AddressInfo;
  return { ...test, baseUrl: `http://127.0.0.1:${port}` };
}

/** A free loopback port: PUBLIC_URL must name the real port, since emailed links are built from it. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
