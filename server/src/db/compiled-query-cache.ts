// Kysely rebuilds and recompiles a query's SQL on every call; for the hottest reads that is a
// third of the work. Here a query is compiled once per shape with marker values standing in
// for its inputs, and each call binds the real values in the markers' places.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Trx } from './db.ts';

/** Marker numbers, far above any id (ids are 32-bit), one per input slot. */
const MARKER_BASE = 9_000_000_000_000;

interface Template {
  sql: string;
  /** For each parameter: the index of the input it takes, or a constant value. */
  slots: ({ input: number } | { value: unknown })[];
}

const templates = new Map<string, Template>();

/**
 * Runs `build(markers)` once per (dialect, shape) to learn the SQL, then executes it with
 * `inputs` bound. `inputs` are the numbers the query takes, in a fixed order for the shape.
 */
export async function executeCompiled<R>(
  db: Trx,
  dialect: string,
  shape: string,
  inputs: number[],
  build: (values: number[]) => Compilable<R>,
): Promise<R[]> {
  const key = `${dialect}:${shape}`;
  let template = templates.get(key);
  if (!template) {
    const markers = inputs.map((_, i) => MARKER_BASE + i);
    const compiled = build(markers).compile();
    template = {
      sql: compiled.sql,
      slots: compiled.parameters.map((p) => (typeof p === 'number' && p >= MARKER_BASE && p < MARKER_BASE + inputs.length ? { input: p - MARKER_BASE } : { value: p })),
    };
    // Every input must appear as a parameter, or the shape key is wrong: do not cache then.
    const used = new Set(template.slots.flatMap((s) => ('input' in s ? [s.input] : [])));
    if (used.size !== inputs.length) {
      const direct = build(inputs).compile();
      return (await db.executeQuery<R>(direct)).rows;
    }
    templates.set(key, template);
  }
  const parameters = template.slots.map((s) => ('input' in s ? inputs[s.input] : s.value));
  return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters) as CompiledQuery<R>)).rows;
}
