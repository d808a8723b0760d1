// My account: my profile's language and my API tokens (GET/PATCH /users/me, /auth/tokens).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { Language } from '../../../../common/enums.ts';
import type { ApiToken, CreateTokenBody } from '../../../../common/schemas/auth.ts';
import type { CreatedToken, User } from '../../../../common/schemas/users.ts';

export type { ApiToken, CreatedToken };

export const accountKeys = {
  profile: ['account', 'profile'] as const,
  tokens: ['account', 'tokens'] as const,
};

export const useProfile = () => useQuery({ queryKey: accountKeys.profile, queryFn: () => api.get<User>('/users/me') });

export function useSaveLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => api.patch<User>('/users/me', { language }),
    onSuccess: (user) => client.setQueryData(accountKeys.profile, user),
  });
}

/** My tokens still in force or expired; revoked ones are gone for good and not worth a row. */
export const useTokens = () =>
  useQuery({
    queryKey: accountKeys.tokens,
    queryFn: async () => (await api.get<{ items: ApiToken[] }>('/auth/tokens')).items.filter((t) => t.revokedAt === null),
  });

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => api.post<CreatedToken>('/auth/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/auth/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}
