#!/usr/bin/env node
// Runs every test with node's test runner: unit and integration tests beside the code (on PGlite,
// and on PostgreSQL too when DATABASE_URL is set), cross-domain flows in test/, browser journeys in e2e/.
// Arguments narrow the run to files whose path contains one of them: `npm test -- sessions`.
import { spawnSync } from 'node:child_process';
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
