// The zod validator, plus one rule for every input: no NUL characters. SQLite would store
// them and PostgreSQL refuses them; both back ends must answer alike, with a 400.
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { ValidationError } from './errors.ts';

function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return undefined;
}

type Result = ReturnType<ReturnType<FastifySchemaCompiler<any>>>;

export const validatorWithoutNul: FastifySchemaCompiler<any> = (route) => {
  const validate = validatorCompiler(route as never) as (data: unknown) => Result;
  return (data: unknown): Result => {
    const path = findNul(data, route.httpPart ?? '');
    if (path) return { error: new ValidationError(`${path}: NUL characters are not allowed in text.`) };
    return validate(data);
  };
};
