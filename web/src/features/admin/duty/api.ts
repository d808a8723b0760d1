// Server state of Administration › Routing and duty, under ['admin', 'duty', …]: routing
// rules, escalation rules, skills, shifts and their overrides, on-call rotations.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssignmentStrategy, EscalationRule, RoutingConditions, RoutingRule, Skill } from '../../../../../common/schemas/routing.ts';
import type { Shift, ShiftOverride } from '../../../../../common/schemas/shifts.ts';
import type { OncallOverride, Rotation } from '../../../../../common/schemas/oncall.ts';
import type { Calendar, WeekHours } from '../../../../../common/schemas/calendars.ts';
import type { UserRef } from '../../../../../common/schemas/shared.ts';
import { api } from '../../../app/api-client.ts';
import { adminKeys } from '../api.ts';

export type { AssignmentStrategy, Calendar, EscalationRule, OncallOverride, Rotation, RoutingConditions, RoutingRule, Shift, ShiftOverride, Skill, UserRef, WeekHours };

// Written out here because the web bundle must not import zod from the schema; the record
// makes a strategy added to the contract a compile error until it is listed.
const STRATEGIES: Record<AssignmentStrategy, true> = { manual: true, round_robin: true, least_loaded: true };
export const ASSIGNMENT_STRATEGIES = Object.keys(STRATEGIES) as AssignmentStrategy[];

export interface ScheduleEntry {
  user: UserRef;
  from: string;
  to: string;
  override: boolean;
}

export const dutyKeys = {
  all: ['admin', 'duty'] as const,
  rules: ['admin', 'duty', 'routing-rules'] as const,
  escalation: ['admin', 'duty', 'escalation-rules'] as const,
  skills: ['admin', 'duty', 'skills'] as const,
  userSkills: (userId: number) => ['admin', 'duty', 'skills', 'user', userId] as const,
  shifts: ['admin', 'duty', 'shifts'] as const,
  shiftOverrides: ['admin', 'duty', 'shift-overrides'] as const,
  rotations: ['admin', 'duty', 'rotations'] as const,
  rotationOverrides: (id: number) => ['admin', 'duty', 'rotations', id, 'overrides'] as const,
  schedule: (id: number) => ['admin', 'duty', 'rotations', id, 'schedule'] as const,
  calendars: ['admin', 'duty', 'calendars'] as const,
};

const items = <T>(path: string, query?: Record<string, string | number>) => async () => (await api.get<{ items: T[] }>(path, query)).items;

export const useRoutingRules = () => useQuery({ queryKey: dutyKeys.rules, queryFn: items<RoutingRule>('/routing/rules') });
export const useEscalationRules = () => useQuery({ queryKey: dutyKeys.escalation, queryFn: items<EscalationRule>('/escalation-rules') });
export const useSkills = () => useQuery({ queryKey: dutyKeys.skills, queryFn: items<Skill>('/skills') });
export const useUserSkills = (userId: number) =>
  useQuery({ queryKey: dutyKeys.userSkills(userId), queryFn: items<{ id: number; name: string }>(`/users/${userId}/skills`) });
export const useShifts = () => useQuery({ queryKey: dutyKeys.shifts, queryFn: items<Shift>('/shifts') });
export const useShiftOverrides = () => useQuery({ queryKey: dutyKeys.shiftOverrides, queryFn: items<ShiftOverride>('/shift-overrides') });
export const useRotations = () => useQuery({ queryKey: dutyKeys.rotations, queryFn: items<Rotation>('/oncall/rotations') });
export const useRotationOverrides = (id: number) => useQuery({ queryKey: dutyKeys.rotationOverrides(id), queryFn: items<OncallOverride>(`/oncall/rotations/${id}/overrides`) });
export const useSchedule = (id: number, days = 28) => useQuery({ queryKey: [...dutyKeys.schedule(id), days], queryFn: items<ScheduleEntry>(`/oncall/rotations/${id}/schedule`, { days }) });
export const useCalendars = () => useQuery({ queryKey: dutyKeys.calendars, queryFn: items<Calendar>('/calendars') });

/** Admin lists other features keep a copy of, refreshed with the duty ones. */
type Also = 'groups' | 'categories';

/**
 * A mutation that refreshes the whole section once it succeeds (a skill's counts move with
 * agents and categories, a rotation's schedule with its overrides), plus the admin lists named.
 */
export function useDutyMutation<A, R>(run: (a: A) => Promise<R>, also: Also[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([dutyKeys.all, ...also.map((k) => adminKeys[k])].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
