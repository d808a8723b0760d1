// A TCP relay between one app and the test PostgreSQL, to cut that app's live-bus LISTEN
// connection as a network or server hiccup would, and keep it from coming back while the
// test makes changes elsewhere (other apps on the same database are not affected).
import assert from 'node:assert/strict';
import net from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';

export interface PgGate {
  /** The database URL to give the app: its connections go through the gate. */
  url: string;
  /**
   * Terminates the app's LISTEN connection (pg_terminate_backend) and holds its new
   * connections until `during` has resolved. `admin` is any connection to the database.
   */
  listenOutage(admin: Db, during: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startPgGate(databaseUrl: string): Promise<PgGate> {
  const target = new URL(databaseUrl);
  const upstreams = new Set<net.Socket>();
  const held: net.Socket[] = [];
  let holding = false;

  const relay = (down: net.Socket) => {
    const up = net.connect(Number(target.port || 5432), target.hostname);
    upstreams.add(up);
    const end = () => (up.destroy(), down.destroy(), upstreams.delete(up));
    up.on('error', end).on('close', end);
    down.on('error', end).on('close', end);
    down.pipe(up).pipe(down);
    down.resume();
  };
  const server = net.createServer({ pauseOnConnect: true }, (down) => (holding ? held.push(down) : relay(down)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);

  return {
    url: url.toString(),
    async listenOutage(admin, during) {
      holding = true;
      try {
        const ports = [...upstreams].map((s) => s.localPort).filter((p) => p !== undefined);
        const listening = await sql<{ pid: number }>`
          select pid from pg_stat_activity
          where datname = current_database() and application_name like 'guichet live %' and query ilike 'listen %' and client_port = any(${ports})`.execute(admin);
        assert.equal(listening.rows.length, 1, 'one LISTEN connection through the gate');
        await sql`select pg_terminate_backend(${listening.rows[0].pid}, 5000)`.execute(admin);
        await during();
      } finally {
        holding = false;
        for (const down of held.splice(0)) relay(down);
      }
    },
    async close() {
      for (const s of [...upstreams, ...held]) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
