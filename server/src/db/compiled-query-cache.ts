// Kysely rebuilds and recompiles a query's SQL on every call; on the hottest paths that is a
// third of the work. Here a query is compiled once per shape with marker values standing in
// for its inputs, and each call binds the real values in the markers' places.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Trx } from './db.ts';

interface Template {
  sql: string;
  /** For each parameter: the index of the input it takes, or a constant value. */
  slots: ({ input: number } | { value: unknown })[];
}

const templates = new Map<string, Template>();
const marker = (i: number) => `\u0001guichet-input-${i}\u0001`;

/**
 * Runs `build(markers)` once per (dialect, shape) to learn the SQL, then executes it with
 * `inputs` bound. The shape must name everything that changes the SQL text (which columns,
 * how many ids…); `inputs` are the values, in a fixed order for the shape.
 */
export async function executeCompiled<R>(db: Trx, shape: string, inputs: unknown[], build: (values: unknown[]) => Compilable<R>): Promise<R[]> {
  const key = `${db.getExecutor().adapter.constructor.name}:${shape}`;
  let template = templates.get(key);
  if (!template) {
    const markers = inputs.map((_, i) => marker(i));
    const index = new Map(markers.map((m, i) => [m, i]));
    const compiled = build(markers).compile();
    const candidate: Template = {
      sql: compiled.sql,
      slots: compiled.parameters.map((p) => (typeof p === 'string' && index.has(p) ? { input: index.get(p)! } : { value: p })),
    };
    // Every input must appear as a parameter, or the shape key is wrong: do not cache then.
    const used = new Set(candidate.slots.flatMap((s) => ('input' in s ? [s.input] : [])));
    if (used.size !== inputs.length) return (await db.executeQuery<R>(build(inputs).compile())).rows;
    templates.set(key, (template = candidate));
  }
  const parameters = template.slots.map((s) => ('input' in s ? inputs[s.input] : s.value));
  return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters) as CompiledQuery<R>)).rows;
}
