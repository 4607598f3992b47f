import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { pino } from 'pino';
import { startPeriodicJob } from './periodic-job.ts';

const log = pino({ level: 'silent' });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('startPeriodicJob', () => {
  it('runs after the first delay, then every interval, goes on after a failed round, and stops', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let rounds = 0;
      const job = startPeriodicJob(
        { log },
        {
          name: 'test',
          firstDelayMs: 100,
          intervalMs: 1000,
          run: async () => {
            rounds += 1;
            if (rounds === 2) throw new Error('a failing round');
          },
        },
      );
      mock.timers.tick(99);
      await settle();
      assert.equal(rounds, 0, 'nothing before the first delay');
      mock.timers.tick(1);
      await settle();
      assert.equal(rounds, 1);
      mock.timers.tick(1000);
      await settle();
      assert.equal(rounds, 2, 'the second round runs and fails');
      mock.timers.tick(1000);
      await settle();
      assert.equal(rounds, 3, 'a failed round does not stop the job');
      await job.stop();
      mock.timers.tick(5000);
      await settle();
      assert.equal(rounds, 3, 'no round after stop');
    } finally {
      mock.timers.reset();
    }
  });

  it('never overlaps rounds, and stop() waits for the round in progress', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let active = 0;
      let maxActive = 0;
      let release: () => void = () => {};
      let finished = false;
      const job = startPeriodicJob(
        { log },
        {
          name: 'slow',
          firstDelayMs: 10,
          intervalMs: 10,
          run: async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            active -= 1;
            finished = true;
          },
        },
      );
      mock.timers.tick(10);
      await settle();
      mock.timers.tick(100);
      await settle();
      assert.equal(maxActive, 1, 'the next round waits for the current one');
      const stopped = job.stop();
      release();
      await stopped;
      assert.equal(finished, true, 'stop() resolved after the round ended');
    } finally {
      mock.timers.reset();
    }
  });
});
