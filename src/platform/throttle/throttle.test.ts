import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextThrottleState, retryAfterMs, type ThrottlePolicy } from './throttle.ts';

const policy: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };
const start = new Date('2026-11-24T10:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('nextThrottleState', () => {
  it('lets the free failures through, then doubles the delay up to the cap', () => {
    let state = null;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      state = nextThrottleState(state, policy, at(i));
      delays.push(retryAfterMs(state, at(i)));
    }
    assert.deepEqual(delays, [0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });
  it('starts a new window once the old one is over', () => {
    let state = null;
    for (let i = 0; i < 5; i++) state = nextThrottleState(state, policy, at(i));
    state = nextThrottleState(state, policy, at(61_000));
    assert.equal(state.failures, 1);
    assert.equal(retryAfterMs(state, at(61_000)), 0);
  });
  it('never blocks for longer than the cap, however many failures', () => {
    let state = null;
    for (let i = 0; i < 200; i++) state = nextThrottleState(state, policy, at(i));
    assert.ok(retryAfterMs(state, at(199)) <= policy.maxDelayMs);
  });
});
