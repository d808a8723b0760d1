// Targets are stored in minutes of business time and typed in minutes, hours or days
// (a day is 24 hours of open time, not a working day). Pure, so the form stays simple.
import { PRIORITY_LEVELS, type SlaMetric, type SlaPolicy } from '../api.ts';
import { intlLocale } from '../local-date.ts';

export const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type Unit = keyof typeof UNITS;
export interface Duration {
  value: string;
  unit: Unit;
}
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];
export type EditableTargets = Record<PriorityLevel, Record<SlaMetric, Duration>>;

/** The largest unit that shows the minutes as a whole number: 120 → 2 hours, 90 → 90 minutes. */
export function toDuration(minutes: number | null): Duration {
  if (minutes === null) return { value: '', unit: 'hours' };
  const unit: Unit = minutes % UNITS.days === 0 ? 'days' : minutes % UNITS.hours === 0 ? 'hours' : 'minutes';
  return { value: String(minutes / UNITS[unit]), unit };
}

/** Minutes, or null for an empty field; NaN for what is not a number (the server refuses it). */
export function toMinutes(d: Duration): number | null {
  const text = d.value.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * UNITS[d.unit]) : Number.NaN;
}

// A new policy starts from the usual ladder: P1 answered in 30 min and solved in 4 h, … P5 in 2 and 10 days.
const START: Record<PriorityLevel, [number, number]> = { 1: [30, 240], 2: [60, 480], 3: [240, 1440], 4: [480, 4320], 5: [2880, 14400] };

export function editableTargets(targets: SlaPolicy['targets'] | null): EditableTargets {
  const out = {} as EditableTargets;
  for (const p of PRIORITY_LEVELS) {
    const t = targets?.[String(p)];
    out[p] = {
      firstResponse: toDuration(t ? t.firstResponse : START[p][0]),
      nextResponse: toDuration(t ? t.nextResponse : null),
      resolution: toDuration(t ? t.resolution : START[p][1]),
    };
  }
  return out;
}

type TargetsBody = Record<PriorityLevel, { firstResponse: number; resolution: number; nextResponse: number | null }>;

/** The body's targets; an empty required field goes as 0, so the server names it. */
export function targetsBody(t: EditableTargets): TargetsBody {
  const out = {} as TargetsBody;
  for (const p of PRIORITY_LEVELS) {
    out[p] = { firstResponse: toMinutes(t[p].firstResponse) ?? 0, resolution: toMinutes(t[p].resolution) ?? 0, nextResponse: toMinutes(t[p].nextResponse) };
  }
  return out;
}

const UNIT_NAMES: Record<Unit, 'minute' | 'hour' | 'day'> = { minutes: 'minute', hours: 'hour', days: 'day' };
/** 240 → "4 h" (or "4 h" in French), in the page's language. */
export function formatMinutes(minutes: number, lang: string): string {
  const d = toDuration(minutes);
  return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit: UNIT_NAMES[d.unit], unitDisplay: 'short' }).format(Number(d.value));
}
