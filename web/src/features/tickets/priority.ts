// The priority the matrix gives an impact × urgency pair, as the server derives it.
import type { Priority } from '../../../../common/enums.ts';

export function derivedPriority(matrix: number[][] | undefined, impact: number, urgency: number): Priority | null {
  const p = matrix?.[impact - 1]?.[urgency - 1];
  return p === undefined ? null : (`P${p}` as Priority);
}

export const LEVELS = [1, 2, 3, 4] as const;
