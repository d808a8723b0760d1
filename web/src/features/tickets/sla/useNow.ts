// One ticking clock for every SLA countdown on screen: a single timer, started by the first
// countdown shown and stopped with the last. Countdowns move without refetching anything;
// a tab coming back into view ticks at once (background tabs' timers are throttled).
import { useSyncExternalStore } from 'react';

export const TICK_MS = 30_000;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function onVisibility() {
  if (document.visibilityState === 'visible') tick();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    // Idle until now: the first reader must not see a stale moment (React re-reads after subscribing).
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** The current time in epoch ms, updated every TICK_MS. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
