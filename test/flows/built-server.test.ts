import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type SesameProcess, startSesame } from '../support/sesame-process.ts';

/**
 * `npm run build` (scripts/build.mjs): the compiled server starts and serves pages, the API and
 * its static files without tsx — what the README tells production to run.
 */

const work = mkdtempSync(path.join(tmpdir(), 'sesame-built-'));
const outDir = path.join(work, 'dist');
const dataDir = path.join(work, 'data');
let server: SesameProcess;

describe('the compiled build (npm run build)', () => {
  before(async () => {
    // The build's imports resolve through node_modules above it, as in the checkout.
    symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'), 'dir');
    const built = spawnSync(process.execPath, ['scripts/build.mjs', outDir], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    server = await startSesame(['serve'], { DATA_DIR: dataDir }, { bin: path.join(outDir, 'cli.js') });
  });
  after(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the sign-in page, its stylesheet and the API from dist/ alone', async () => {
    const page = await fetch(`${server.url}/login`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Se connecter/);
    const css = await fetch(`${server.url}/static/app.css`);
    assert.equal(css.status, 200);
    assert.ok((await css.text()).length > 1000);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
  });
});
