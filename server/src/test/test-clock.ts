// A clock tests move by hand: scenarios step through warnings, breaches and hand-overs
// without waiting.
import type { Clock } from '../lib/clock.ts';

export interface TestClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
  iso(): string;
}

export function testClock(start: string): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(iso) {
      t = Date.parse(iso);
    },
    iso: () => new Date(t).toISOString(),
  };
}
