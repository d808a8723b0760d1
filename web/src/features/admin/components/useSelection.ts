// The row chosen in an admin list (edited beside it) and the notice above the list, which
// outlives the row: "Mailbox X deleted." stays after X is gone.
import { useState } from 'react';

export function useSelection<T extends { id: number }>(items: readonly T[]) {
  const [selectedId, select] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    selectedId,
    selected: items.find((item) => item.id === selectedId),
    select,
    notice,
    setNotice,
    /** Just created: edit it, and drop the notice about an earlier one. */
    created(item: T) {
      setNotice(null);
      select(item.id);
    },
    /** The selected row deleted: say so, and select nothing. */
    deleted(text: string) {
      setNotice(text);
      select(null);
    },
  };
}
