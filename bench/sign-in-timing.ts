/**
 * Sign-in timing: does a failed sign-in take the same time whether the account exists or not?
 * Reports the ratio unknown-email / wrong-password (reference), measured in the same run on an
 * in-memory PGlite database through app.inject. A ratio near 1.00 means no enumeration by timing.
 *
 *   npx tsx bench/sign-in-timing.ts [samples=40]
 */
import { createTestAccount } from '../test/support/factories.ts';
import { buildTestApp } from '../test/support/test-app.ts';

const samples = Number(process.argv[2] ?? 40);
const t = await buildTestApp('pglite');
const { account } = await createTestAccount(t.deps);

async function timeSignIn(email: string, i: number): Promise<number> {
  const start = process.hrtime.bigint();
  // A different client IP each time: the point is the work done, not the throttle.
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: `Wrong-${i}` },
    remoteAddress: `127.9.${i >> 8}.${i & 255}`,
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const wrongPassword: number[] = [];
const unknownEmail: number[] = [];
for (let i = 0; i < samples; i++) {
  // Interleaved so that drift in machine load affects both series alike.
  wrongPassword.push(await timeSignIn(account.email, i));
  unknownEmail.push(await timeSignIn(`nobody-${i}@example.org`, i + samples));
}
await t.close();
console.log(`samples per series: ${samples}`);
console.log(`wrong password (reference): median ${median(wrongPassword).toFixed(1)} ms`);
console.log(`unknown email:              median ${median(unknownEmail).toFixed(1)} ms`);
console.log(`ratio unknown / reference:  ${(median(unknownEmail) / median(wrongPassword)).toFixed(2)}`);
