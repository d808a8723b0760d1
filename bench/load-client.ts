// The load generator, in its own process so that it does not share the server's event loop
// (on 2 cores: one for the server, one for autocannon). The parent sends scenarios over IPC;
// each request is drawn at random from the scenario's pool. Latencies are kept exactly (ms,
// as floats) because autocannon's histogram rounds to whole milliseconds.
import autocannon from 'autocannon';

export interface PooledRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadSpec {
  url: string; // http://127.0.0.1:port
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  pool: PooledRequest[];
}

export interface LoadResult {
  ok: number; // 2xx responses
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statusCodes: Record<string, number>;
  /** CPU time autocannon itself used, in ms: with the server's, tells what the machine did. */
  clientCpuMs: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    const cpuBefore = process.cpuUsage();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        timeout: 30,
        headers: spec.headers,
        requests: [
          {
            setupRequest: (req) => {
              const r = spec.pool[Math.floor(Math.random() * spec.pool.length)];
              return { ...req, method: r.method, path: r.path, body: r.body ?? '' };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const cpu = process.cpuUsage(cpuBefore);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          ok: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          seconds: result.duration,
          reqPerSec: round(latencies.length / result.duration, 0),
          p50Ms: round(percentile(sorted, 50)),
          p90Ms: round(percentile(sorted, 90)),
          p99Ms: round(percentile(sorted, 99)),
          maxMs: round(sorted.length ? sorted[sorted.length - 1] : 0),
          statusCodes,
          clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

// As a child process: one scenario per message, answered with its result.
if (process.send) {
  process.on('message', (msg: { id: number; spec: LoadSpec }) => {
    runLoad(msg.spec).then(
      (result) => process.send!({ id: msg.id, result }),
      (err: Error) => process.send!({ id: msg.id, error: err.stack ?? String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
