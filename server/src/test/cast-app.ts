// The start most API test files share: a test app, its client, and one user of each role.
import { client, startTestApp } from './harness.ts';
import { makeRoleCast } from './factories.ts';

export async function startCastApp(opts: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp(opts);
  return { t, api: client(t), ...(await makeRoleCast(t.deps)) };
}
