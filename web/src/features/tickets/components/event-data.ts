// Reading a timeline event's free-form data without trusting its shape.
export type Data = Record<string, unknown> | null | undefined;
export interface Ref {
  id: number;
  name: string;
}

export const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const ref = (v: unknown): Ref | null => {
  const o = obj(v);
  return o && typeof o.id === 'number' && typeof o.name === 'string' ? { id: o.id, name: o.name } : null;
};
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Only http(s) links are ever put in an href. */
export function httpUrl(v: unknown): string | null {
  const s = str(v);
  if (!s || !/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
