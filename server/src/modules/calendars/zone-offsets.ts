// A time zone's UTC offsets as a table: luxon (through Intl) is asked once per stretch of
// time and zone, then each offset is an array lookup. The business-time walk asks for
// offsets on every day it crosses; Intl answers in microseconds, this in nanoseconds.
import { IANAZone } from 'luxon';

const MINUTE = 60_000;
/** Offsets are tabled per chunk of this length; the first question in a chunk fills it. */
const CHUNK_MS = 32 * 86_400_000;
/** Offsets are probed this often: no zone changes twice within it. */
const PROBE_MS = 6 * 3_600_000;

interface Chunk {
  /** Offset (ms) at the chunk's start. */
  first: number;
  /** Changes within the chunk: [instant, offset from then on], in order. */
  changes: [number, number][];
}

interface ZoneTable {
  zone: IANAZone;
  chunks: Map<number, Chunk>;
}

const tables = new Map<string, ZoneTable>();

function tableOf(name: string): ZoneTable {
  let table = tables.get(name);
  if (!table) {
    const zone = IANAZone.create(name);
    if (!zone.isValid) throw new RangeError(`"${name}" is not a time zone.`);
    tables.set(name, (table = { zone, chunks: new Map() }));
  }
  return table;
}

function chunkOf(table: ZoneTable, index: number): Chunk {
  let chunk = table.chunks.get(index);
  if (chunk) return chunk;
  const ask = (t: number) => table.zone.offset(t) * MINUTE;
  const start = index * CHUNK_MS;
  const end = start + CHUNK_MS;
  const first = ask(start);
  const changes: [number, number][] = [];
  let current = first;
  for (let lo = start; lo < end; lo += PROBE_MS) {
    let hi = Math.min(lo + PROBE_MS, end);
    if (ask(hi) === current) continue;
    // The first millisecond of the new offset, by bisection.
    let a = lo;
    while (hi - a > 1) {
      const mid = Math.floor((a + hi) / 2);
      if (ask(mid) === current) a = mid;
      else hi = mid;
    }
    if (hi >= end) break; // the change lies at the next chunk's start
    current = ask(hi);
    changes.push([hi, current]);
  }
  chunk = { first, changes };
  if (table.chunks.size > 10_000) table.chunks.clear();
  table.chunks.set(index, chunk);
  return chunk;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function offsetMsAt(zone: string, t: number): number {
  const chunk = chunkOf(tableOf(zone), Math.floor(t / CHUNK_MS));
  let offset = chunk.first;
  for (const [at, o] of chunk.changes) {
    if (at > t) break;
    offset = o;
  }
  return offset;
}

/** Stretches of constant offset covering [from, to): [start, end, offset ms], in order. */
export function offsetStretches(zone: string, from: number, to: number): [number, number, number][] {
  const table = tableOf(zone);
  const out: [number, number, number][] = [];
  let start = from;
  let offset = offsetMsAt(zone, from);
  for (let i = Math.floor(from / CHUNK_MS); i * CHUNK_MS < to; i++) {
    for (const [at, o] of chunkOf(table, i).changes) {
      if (at <= from || at >= to || o === offset) continue;
      out.push([start, at, offset]);
      start = at;
      offset = o;
    }
    // A change right at a chunk's start shows as that chunk's first offset.
    const next = (i + 1) * CHUNK_MS;
    if (next < to && next > from) {
      const o = chunkOf(table, i + 1).first;
      if (o !== offset) {
        out.push([start, next, offset]);
        start = next;
        offset = o;
      }
    }
  }
  out.push([start, to, offset]);
  return out;
}
