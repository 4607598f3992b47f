#!/usr/bin/env node
// Runs every test with node's test runner: unit and integration tests beside the code (on PGlite,
// and on PostgreSQL too when DATABASE_URL is set), cross-domain flows in test/, browser journeys in e2e/.
// Arguments narrow the run to files whose path contains one of them: `npm test -- sessions`.
// Integration tests copy migrated template databases built here once for the run
// (test/support/database-templates.ts); they are removed at the end, whatever the outcome.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const templatesDir = mkdtempSync(path.join(tmpdir(), 'sesame-test-templates-'));
let status = 1;
try {
  const built = spawnSync(process.execPath, [...templatesScript, 'create', templatesDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error('could not build the template databases');
  env.SESAME_TEST_DATABASE_TEMPLATES = built.stdout;
  status = await runTests();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (env.SESAME_TEST_DATABASE_TEMPLATES)
    spawnSync(process.execPath, [...templatesScript, 'drop'], { stdio: 'inherit', env });
  rmSync(templatesDir, { recursive: true, force: true });
}
process.exit(status);

/** The test runner, told of Ctrl-C or a SIGTERM so this process outlives it and cleans up. */
function runTests() {
  const runner = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${process.env.SESAME_TEST_CONCURRENCY ?? 3}`, ...files],
    {
      stdio: 'inherit',
      env,
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => runner.kill(signal));
  return new Promise((resolve) => runner.on('exit', (code) => resolve(code ?? 1)));
}
