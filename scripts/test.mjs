#!/usr/bin/env node
// Runs every test with node's test runner: unit and integration tests beside the code (on PGlite,
// and on PostgreSQL too when DATABASE_URL is set), cross-domain flows in test/, browser journeys in e2e/.
// Arguments narrow the run to files whose path contains one of them: `npm test -- sessions`.
// On PostgreSQL, integration tests copy a migrated template database built here once for the run
// (test/support/database-templates.ts); it is dropped at the end, whatever the outcome.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['src', 'test', 'e2e'];
function collect(dir) {
  let found = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found = found.concat(collect(full));
    else if (/\.test\.tsx?$/.test(name)) found.push(full);
  }
  return found;
}
const filters = process.argv.slice(2);
const files = roots
  .flatMap((root) => collect(root))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('no test file matched');
  process.exit(1);
}
console.log(
  `Running ${files.length} test files${process.env.DATABASE_URL ? ' (PGlite and PostgreSQL)' : ' (PGlite; set DATABASE_URL to add PostgreSQL)'}`,
);
const env = { ...process.env, NODE_ENV: 'test' };
const templatesScript = ['--import', 'tsx', path.join('scripts', 'test-database-templates.ts')];
let status = 1;
try {
  if (env.DATABASE_URL) {
    const built = spawnSync(process.execPath, [...templatesScript, 'create'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error('could not build the template database');
    env.SESAME_TEST_DATABASE_TEMPLATES = built.stdout;
  }
  status = await runTests();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (env.SESAME_TEST_DATABASE_TEMPLATES)
    spawnSync(process.execPath, [...templatesScript, 'drop'], { stdio: 'inherit', env });
}
process.exit(status);

/** The test runner, told of Ctrl-C or a SIGTERM so this process outlives it and cleans up. */
function runTests() {
  const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => runner.kill(signal));
  return new Promise((resolve) => runner.on('exit', (code) => resolve(code ?? 1)));
}
