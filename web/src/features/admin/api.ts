// Server state of the administration screens. Reference data (users, organisations,
// groups, categories, the priority matrix) lives under ['admin', …]; after a change the
// other features' cached copies are refreshed too.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { referenceKeys } from '../../app/shared-queries.ts';
import type { Role } from '../../../../common/enums.ts';
import type { User } from '../../../../common/schemas/users.ts';
import type { Organisation } from '../../../../common/schemas/organisations.ts';
import type { Group } from '../../../../common/schemas/groups.ts';
import type { CategoryNode } from '../../../../common/schemas/categories.ts';

export type { User, Organisation, Group, CategoryNode, Role };
interface Page<T> {
  items: T[];
  nextCursor: string | number | null;
}

export const adminKeys = {
  users: ['admin', 'users'] as const,
  organisations: ['admin', 'organisations'] as const,
  groups: ['admin', 'groups'] as const,
  staff: ['admin', 'staff'] as const,
  categories: ['admin', 'categories'] as const,
  matrix: ['admin', 'priority-matrix'] as const,
};

/** Copies of the same data other features keep (filter choices, pickers). */
const ELSEWHERE: Record<string, QueryKey[]> = {
  organisations: [['queues', 'organisations']],
  groups: [referenceKeys.groups, ['supervisor']],
  categories: [['queues', 'categories'], referenceKeys.categories],
  matrix: [referenceKeys.matrix],
  users: [['supervisor']],
};

/** A mutation that refreshes the given admin lists (and their copies elsewhere) once it succeeds. */
export function useAdminMutation<A, R>(what: (keyof typeof adminKeys)[], run: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all(what.flatMap((w) => [adminKeys[w], ...(ELSEWHERE[w] ?? [])]).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export function useUsers(filters: { q: string; role: Role | '' }) {
  return useInfiniteQuery({
    queryKey: [...adminKeys.users, filters],
    queryFn: ({ pageParam }) => api.get<Page<User>>('/users', { q: filters.q, role: filters.role, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganisations(q = '') {
  return useInfiniteQuery({
    queryKey: [...adminKeys.organisations, q],
    queryFn: ({ pageParam }) => api.get<Page<Organisation>>('/organisations', { q, limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every organisation, for pickers (the API pages by 200 at most). */
export function useAllOrganisations() {
  return useQuery({
    queryKey: [...adminKeys.organisations, 'all'],
    queryFn: async () => {
      const all: Organisation[] = [];
      let cursor: string | number | undefined;
      do {
        const page = await api.get<Page<Organisation>>('/organisations', { limit: 200, cursor });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return all;
    },
  });
}

export const useGroups = () => useQuery({ queryKey: adminKeys.groups, queryFn: async () => (await api.get<{ items: Group[] }>('/groups')).items });

/** Staff who may join a group (agents, supervisors and admins). */
export function useStaff() {
  return useQuery({
    queryKey: adminKeys.staff,
    queryFn: async () => {
      const pages = await Promise.all((['agent', 'supervisor', 'admin'] as const).map((role) => api.get<Page<User>>('/users', { role, limit: 200 })));
      const byId = new Map(pages.flatMap((p) => p.items).filter((u) => u.isActive).map((u) => [u.id, u]));
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export const useCategoryTree = () =>
  useQuery({ queryKey: adminKeys.categories, queryFn: async () => (await api.get<{ items: CategoryNode[] }>('/categories', { tree: 1 })).items });

export const usePriorityMatrix = () =>
  useQuery({ queryKey: adminKeys.matrix, queryFn: async () => (await api.get<{ matrix: number[][] }>('/settings/priority-matrix')).matrix });
