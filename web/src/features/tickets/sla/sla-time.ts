// The SLA clock as an agent reads it: each metric's state at a given moment, and durations
// in words. Pure functions of the API's SLA state and "now", shared by the ticket page and
// the queues (no React, no DOM).
import type { SlaMetricState, TicketSla } from '../../../../../common/schemas/sla.ts';
import type { Lang } from '../../../app/i18n.tsx';

/** A warning shows once this share of a target is left (80 % elapsed), or once the server warned. */
export const WARN_SHARE_LEFT = 0.2;
/** In a queue only the due time is known: a clock due within this is shown at risk. */
export const SOON_MS = 30 * 60_000;

export type MetricView =
  | { kind: 'met'; at: string; late: boolean }
  /** leftMs: time that was left when the clock stopped (negative: it was overdue by that much). */
  | { kind: 'paused'; since: string | null; leftMs: number | null }
  | { kind: 'running'; dueAt: string; leftMs: number; warning: boolean }
  | { kind: 'overdue'; dueAt: string; overMs: number }
  /** No due time: nothing is owed on this metric now. */
  | { kind: 'none' };

export type SlaTone = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';

type Clock = Pick<TicketSla, 'paused' | 'pausedSince'>;

export function metricView(m: SlaMetricState, clock: Clock, now: number): MetricView {
  if (m.metAt) {
    const late = m.breached || (m.dueAt !== null && Date.parse(m.metAt) > Date.parse(m.dueAt));
    return { kind: 'met', at: m.metAt, late };
  }
  if (!m.dueAt) return { kind: 'none' };
  const due = Date.parse(m.dueAt);
  if (clock.paused) {
    const since = clock.pausedSince;
    return { kind: 'paused', since, leftMs: since ? due - Date.parse(since) : null };
  }
  const leftMs = due - now;
  if (leftMs <= 0 || m.breached) return { kind: 'overdue', dueAt: m.dueAt, overMs: Math.max(0, -leftMs) };
  const warning = m.warnedAt !== null || leftMs < m.targetMinutes * 60_000 * WARN_SHARE_LEFT;
  return { kind: 'running', dueAt: m.dueAt, leftMs, warning };
}

/** The colour family of a metric; the badge says the same in words. */
export function toneOf(view: MetricView, breached: boolean): SlaTone {
  switch (view.kind) {
    case 'met':
      return view.late ? 'breached' : 'met';
    case 'paused':
      return breached || (view.leftMs !== null && view.leftMs <= 0) ? 'breached' : 'paused';
    case 'running':
      return view.warning ? 'warning' : 'ok';
    case 'overdue':
      return 'breached';
    case 'none':
      return 'none';
  }
}

export type DueTone = 'ok' | 'warning' | 'breached';
/** A queue row's earliest due time: signed time left and its tone. */
export function dueView(dueAt: string, now: number): { leftMs: number; tone: DueTone } {
  const leftMs = Date.parse(dueAt) - now;
  return { leftMs, tone: leftMs <= 0 ? 'breached' : leftMs <= SOON_MS ? 'warning' : 'ok' };
}

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };
type Unit = 'day' | 'hour' | 'minute';
export type DurationStyle = 'long' | 'short';
const unitFormats = new Map<string, Intl.NumberFormat>();
function unit(n: number, u: Unit, lang: Lang, style: DurationStyle): string {
  const key = `${lang}:${u}:${style}`;
  let f = unitFormats.get(key);
  if (!f) unitFormats.set(key, (f = new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: u, unitDisplay: style })));
  return f.format(n);
}

/**
 * "1 hour 20 minutes", "2 days 3 hours", "< 1 minute" (short: "1 hr 20 mins"), in the
 * language's own unit words (Intl). Two units at most; the sign is ignored; whole minutes,
 * rounded down, so a countdown never shows more time than is left. `days: false` counts in
 * hours: a target in business time ("16 hours") is not a number of calendar days.
 */
export function formatDuration(ms: number, lang: Lang, style: DurationStyle = 'long', o: { days?: boolean } = {}): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return `< ${unit(1, 'minute', lang, style)}`;
  const days = o.days === false ? 0 : Math.floor(minutes / 1440);
  const hours = Math.floor((minutes - days * 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(unit(days, 'day', lang, style));
    if (hours > 0) parts.push(unit(hours, 'hour', lang, style));
  } else if (hours > 0) {
    parts.push(unit(hours, 'hour', lang, style));
    if (mins > 0) parts.push(unit(mins, 'minute', lang, style));
  } else {
    parts.push(unit(mins, 'minute', lang, style));
  }
  return parts.join(' ');
}

const timeOnly = new Map<Lang, Intl.DateTimeFormat>();
const dayAndTime = new Map<Lang, Intl.DateTimeFormat>();
function cachedFormat(cache: Map<Lang, Intl.DateTimeFormat>, lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(lang);
  if (!f) cache.set(lang, (f = new Intl.DateTimeFormat(LOCALES[lang], options)));
  return f;
}

/** "10:42" when it is today (in the viewer's zone), "29 Nov, 10:42" otherwise. */
export function formatClock(iso: string, lang: Lang, now: number): string {
  const at = new Date(iso);
  const today = new Date(now);
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  if (sameDay) return cachedFormat(timeOnly, lang, { hour: '2-digit', minute: '2-digit' }).format(at);
  const otherYear = at.getFullYear() !== today.getFullYear();
  const f = otherYear
    ? new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' })
    : cachedFormat(dayAndTime, lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return f.format(at);
}
