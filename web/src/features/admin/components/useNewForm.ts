// A form that creates one item after another: once an item is made, the form starts again
// blank (its key changes), the success line names what was made and the list is told.
import { useState } from 'react';

export function useNewForm<T>(describe: (made: T) => string, onCreated: (made: T) => void) {
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  return {
    key: round,
    done,
    /** Before a request: forget the last success. */
    start: () => setDone(null),
    finish(made: T) {
      setDone(describe(made));
      setRound((n) => n + 1);
      onCreated(made);
    },
  };
}
