// Server state of Administration › Service levels, under ['admin', 'sla', …]: calendars and
// their holidays, SLA policies and client contracts. A change refreshes the whole section,
// since each list shows counts from the others (policies per calendar, contracts per policy).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Calendar, Holiday, WeekHours } from '../../../../../common/schemas/calendars.ts';
import type { Contract, SlaAction, SlaActionKind, SlaMetric, SlaPolicy } from '../../../../../common/schemas/sla.ts';
import { api } from '../../../app/api-client.ts';

export type { Calendar, Contract, Holiday, SlaAction, SlaActionKind, SlaMetric, SlaPolicy, WeekHours };

// Written out here because the web bundle must not import zod from the schema; the records
// make a value added to the contract a compile error until it is listed.
const METRICS: Record<SlaMetric, true> = { firstResponse: true, nextResponse: true, resolution: true };
export const SLA_METRICS = Object.keys(METRICS) as SlaMetric[];
const ACTIONS: Record<SlaActionKind, true> = { notify_assignee: true, notify_group: true, notify_supervisors: true, raise_priority: true, reassign: true, escalate: true };
export const SLA_ACTIONS = Object.keys(ACTIONS) as SlaActionKind[];
export const PRIORITY_LEVELS = [1, 2, 3, 4, 5] as const;

export interface HolidayList {
  year: number;
  items: Holiday[];
}
export interface ImportResult {
  imported: number;
  updated: number;
  skipped: { summary: string; reason: string }[];
}
export interface BusinessTime {
  from: string;
  to: string;
  businessMinutes: number;
  openNow: boolean;
}

export const slaKeys = {
  all: ['admin', 'sla'] as const,
  calendars: ['admin', 'sla', 'calendars'] as const,
  holidays: (calendarId: number, year: number) => ['admin', 'sla', 'holidays', calendarId, year] as const,
  policies: ['admin', 'sla', 'policies'] as const,
  contracts: (organisationId: number | null) => ['admin', 'sla', 'contracts', organisationId] as const,
};

export const useCalendars = () => useQuery({ queryKey: slaKeys.calendars, queryFn: async () => (await api.get<{ items: Calendar[] }>('/calendars')).items });

export const useHolidays = (calendarId: number, year: number) =>
  useQuery({ queryKey: slaKeys.holidays(calendarId, year), queryFn: () => api.get<HolidayList>(`/calendars/${calendarId}/holidays`, { year }) });

export const usePolicies = () => useQuery({ queryKey: slaKeys.policies, queryFn: async () => (await api.get<{ items: SlaPolicy[] }>('/sla/policies')).items });

export const useContracts = (organisationId: number | null) =>
  useQuery({
    queryKey: slaKeys.contracts(organisationId),
    queryFn: async () => (await api.get<{ items: Contract[] }>('/contracts', { organisationId })).items,
  });

/** A mutation that refreshes the whole section once it succeeds. */
export function useSlaMutation<A, R>(run: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.all }) });
}
