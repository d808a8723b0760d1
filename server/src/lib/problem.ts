// RFC 9457 problem details: every error leaves the server in this one shape.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';
import { isUniqueViolation } from './db-errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  [k: string]: unknown;
}

type ProblemInput = { status: number; title: string; detail: string; type?: string } & Record<string, unknown>;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemInput) {
  const body: Problem = {
    ...problem,
    type: problem.type ?? 'about:blank',
    instance: request.url,
    requestId: String(request.id),
  };
  return reply.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

const CLIENT_ERROR_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(reply, request, { status: error.status, title: error.title, detail: error.message, ...error.extra });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: describeIssue(v.keyword, v.params as Record<string, unknown>, v.message),
    }));
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return sendProblem(reply, request, { status: 400, title: 'Bad Request', detail, errors });
  }
  const fromDatabase = databaseProblem(error);
  if (fromDatabase) {
    request.log.warn({ err: error }, 'database refused the request input');
    return sendProblem(reply, request, fromDatabase);
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause?.issues }, 'response did not match its schema');
    return sendProblem(reply, request, { status: 500, title: 'Internal Server Error', detail: 'The server could not complete the request.' });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    let detail = error.message;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) detail = `The body is not valid JSON: ${error.message}`;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') detail = `The body is larger than the ${request.routeOptions.bodyLimit ?? ''} bytes allowed.`.replace('  ', ' ');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') detail = `Content type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send application/json.`;
    return sendProblem(reply, request, { status, title: CLIENT_ERROR_TITLES[status] ?? 'Bad Request', detail });
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(reply, request, { status: 500, title: 'Internal Server Error', detail: 'The server could not complete the request; it has been logged.' });
}

function describeIssue(keyword: string, params: Record<string, unknown> | undefined, message: string | undefined): string {
  const keys = params?.keys as string[] | undefined;
  if (keyword === 'unrecognized_keys' && keys) return `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
  return message ?? 'is invalid';
}

/**
 * Database errors that the request's input causes, answered as such instead of a 500: the
 * services check uniqueness first, this is the net for a race they lose or a check they
 * lack; and PostgreSQL refuses integers beyond its 32-bit columns and U+0000 in text,
 * which SQLite accepts, so schemas that pass on one back end can fail on the other.
 */
function databaseProblem(error: unknown): ProblemInput | undefined {
  if (isUniqueViolation(error)) return { status: 409, title: 'Conflict', detail: 'The request conflicts with an existing record; reload and retry.' };
  switch ((error as { code?: unknown } | null)?.code) {
    case '22003': // numeric_value_out_of_range
      return { status: 400, title: 'Bad Request', detail: 'A number in the request is out of range.' };
    case '22021': // character_not_in_repertoire (U+0000)
    case '22P05': // untranslatable_character
      return { status: 400, title: 'Bad Request', detail: 'The request contains a character that cannot be stored, such as U+0000.' };
    default:
      return undefined;
  }
}
