// Shared assertions for API tests.
import assert from 'node:assert/strict';
import type { ApiResponse } from './harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An RFC 9457 problem+json response with the expected status (one of) and detail. */
export function assertProblem(r: ApiResponse, status: number | number[], o: { detail?: RegExp | string; instance?: string } = {}) {
  const ctx = `${r.status} ${typeof r.body === 'string' ? r.body.slice(0, 200) : JSON.stringify(r.body)}`;
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(r.status), `expected ${statuses.join(' or ')}, got ${ctx}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, ctx);
  const b = r.body;
  assert.equal(b.status, r.status, ctx);
  for (const k of ['type', 'title', 'detail', 'instance']) assert.ok(typeof b[k] === 'string' && b[k].length > 0, `${k} missing: ${ctx}`);
  assert.match(b.requestId, UUID, ctx);
  if (typeof o.detail === 'string') assert.equal(b.detail, o.detail, ctx);
  else if (o.detail) assert.match(b.detail, o.detail, ctx);
  if (o.instance !== undefined) assert.equal(b.instance, o.instance);
}

/** The response is application/problem+json. */
export const isProblem = (r: { headers: Headers }) => assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
