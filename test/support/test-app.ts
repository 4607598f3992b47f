import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createManualClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { createDocumentStorage } from '../../src/platform/files/document-storage.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './database.ts';

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof createManualClock>;
  database: TestDatabase;
  close(): Promise<void>;
};

/** The whole application on a fresh database of the given kind, with a clock the test moves. */
export async function buildTestApp(
  kind: DatabaseKind,
  environment: Record<string, string> = {},
  options: Parameters<typeof buildApp>[1] = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  // A DATA_DIR of its own (documents are real files), removed on close.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sesame-test-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...environment,
  });
  const clock = createManualClock(new Date());
  // A key of its own per test app: nothing sealed by one test opens in another.
  const masterKey = randomBytes(32);
  const deps: Deps = {
    config,
    db: database.db,
    clock,
    log: pino({ level: 'silent' }),
    masterKey,
    storage: createDocumentStorage(config),
  };
  const app = await buildApp(deps, options);
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    async close() {
      await app.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Cookies set by a response, as a name → value map. */
export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A browser-like client over app.inject: keeps cookies and sends the CSRF token on unsafe requests. */
export function createClient(
  app: FastifyInstance,
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  remoteAddress = '127.0.0.1',
) {
  const jar: Record<string, string> = {};
  let csrf: string | null = null;
  return {
    jar,
    async request(options: {
      method: string;
      url: string;
      payload?: unknown;
      headers?: Record<string, string>;
      form?: Record<string, string>;
    }) {
      const headers: Record<string, string> = { 'user-agent': userAgent, ...(options.headers ?? {}) };
      if (Object.keys(jar).length) headers.cookie = cookieHeader(jar);
      let payload = options.payload as string | object | undefined;
      if (options.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(options.form).toString();
      }
      const response = await app.inject({
        method: options.method as 'GET',
        url: options.url,
        headers,
        payload,
        remoteAddress,
      });
      for (const c of response.cookies) {
        if (c.maxAge === 0 || c.value === '') delete jar[c.name];
        else jar[c.name] = c.value;
      }
      return response;
    },
    /** Fetches a CSRF token for the current session (call again after sign-in: the session has its own secret). */
    async refreshCsrf() {
      const response = await this.request({ method: 'GET', url: '/api/v1/csrf' });
      csrf = (response.json() as { token: string }).token;
      return csrf;
    },
    async api(method: string, url: string, body?: unknown) {
      const headers: Record<string, string> = {};
      if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
      return this.request({ method, url, payload: body as object, headers });
    },
    async signIn(email: string, password: string) {
      // A browser that already has a session cookie must send the CSRF token, as API.md says.
      const headers: Record<string, string> = csrf ? { 'x-csrf-token': csrf } : {};
      const response = await this.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
        headers,
      });
      if (response.statusCode === 200) await this.refreshCsrf();
      return response;
    },
  };
}
