// Run as a child process by the lock tests: takes the lock of the DATA_DIR given as argument, says
// so on stdout, then waits to be killed (it never releases the lock itself).
import { lockPathFor, tryLockPgliteDirectory } from '../../src/platform/db/pglite-directory-lock.ts';

const attempt = tryLockPgliteDirectory(lockPathFor(process.argv[2] ?? '.'), {
  command: 'sesame test-holder',
  role: 'server',
});
process.stdout.write(attempt.ok ? 'locked\n' : 'refused\n');
setInterval(() => {}, 60_000);
