// ITIL priority from impact × urgency (1 = highest for all three scales).
import { z } from 'zod';

/** matrix[impact-1][urgency-1] = priority 1..5 */
export type PriorityMatrix = number[][];

export const priorityMatrixSchema = z
  .array(z.array(z.number().int().min(1).max(5)).length(4))
  .length(4)
  .describe('4×4 grid: rows are impact 1..4, columns urgency 1..4, values priority 1..5 (P1..P5)');

/**
 * Symmetric default on the 1 critical / 2 high / 3 medium / 4 low scales: critical×critical
 * is P1, medium×medium P3 (the default qualification), low×low P5.
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 2, 3],
  [2, 2, 3, 4],
  [2, 3, 3, 4],
  [3, 4, 4, 5],
];

export function derivePriority(matrix: PriorityMatrix, impact: number, urgency: number): number {
  const p = matrix[impact - 1]?.[urgency - 1];
  if (p === undefined) throw new RangeError(`impact ${impact} and urgency ${urgency} must each be 1..4`);
  return p;
}

export const priorityLabel = (p: number) => `P${p}` as 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
export const priorityFromLabel = (label: string) => Number(label.slice(1));
