import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The real `sesame` command as separate processes: a long-running one (`serve`, `worker`) and
 * one-shot commands run concurrently beside it, on the environment given (DATA_DIR, …).
 */

const bin = path.resolve('bin/sesame.mjs');
// Generous: on a loaded 2-core machine a start (tsx, PGlite) takes seconds. A safety net, never asserted on.
const START_LIMIT_MS = 180_000;
const COMMAND_LIMIT_MS = 300_000;

export type SesameEnvironment = Record<string, string | undefined>;

function environmentFor(extra: SesameEnvironment): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return { ...inherited, LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: '0', ...extra };
}

export type CommandResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

/** Runs `sesame …` to its end (asynchronously, so that many can run at once), `stdin` piped in. */
export function runSesame(args: string[], env: SesameEnvironment, stdin?: Buffer): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: environmentFor(env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(stdin ?? Buffer.alloc(0));
  });
}

export type SesameProcess = {
  child: ChildProcess;
  pid: number;
  /** The HTTP port it bound (serve), or 0. */
  port: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful) and wait; SIGKILL after 30 s. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9, and wait until it is gone. */
  kill9(): Promise<void>;
};

/**
 * Starts `sesame serve|worker|demo --serve …` and resolves once it says it is up (or rejects with
 * its output if it exits). `options.bin`: another entry point, e.g. a build's `dist/cli.js`.
 */
export async function startSesame(
  args: string[],
  env: SesameEnvironment,
  options: { bin?: string } = {},
): Promise<SesameProcess> {
  const child = spawn(process.execPath, [options.bin ?? bin, ...args], {
    env: environmentFor(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const up = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up in time:\n${output}`)), START_LIMIT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /bound to [^\s:]+:(\d+)/.exec(output);
      if (listening || /worker is running/.test(output)) {
        clearTimeout(timer);
        resolve(Number(listening?.[1] ?? 0));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`sesame ${args.join(' ')} exited:\n${output}`));
    });
  });
  const port = await up;
  return {
    child,
    pid: child.pid ?? 0,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A password that passes the policy, for accounts the process tests create. */
export const PROCESS_TEST_PASSWORD = 'Roque-Pion-Fianchetto-61';

/** `sesame account create` arguments for an individual with that password. */
export function accountCreateArgs(email: string): string[] {
  return ['account', 'create', '--type', 'individual', '--email', email].concat([
    '--first-name',
    'Jeanne',
    '--last-name',
    'Roux',
    '--password',
    PROCESS_TEST_PASSWORD,
  ]);
}

/** POST /api/v1/auth/login on a running server; the status. */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password = PROCESS_TEST_PASSWORD,
): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return response.status;
}
