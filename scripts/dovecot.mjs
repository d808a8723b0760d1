// Throwaway Dovecot IMAP server for the tests that talk to a real mail store.
//
//   import { startDovecot } from './dovecot.mjs';
//   const imap = await startDovecot();   // -> { host, port, dir, accounts, password, stop() }
//
//   node scripts/dovecot.mjs             // starts one, prints where, stops it on Ctrl-C
//
// Standalone (`dovecot -c FILE`), everything in a temp dir: IMAP only, on 127.0.0.1 at a
// free port, no TLS (plaintext login on loopback), maildir under one home per account.
// Accounts box1@test … boxN@test share the password "secret" (a passwd-file); the mail
// files belong to nobody:nogroup (a static userdb) when we are root, to us otherwise.
// If Dovecot is missing and we are root, Debian's `dovecot-imapd` is installed first.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from './debian-packages.mjs';
import { freePort } from './free-port.mjs';

export const IMAP_TEST_PASSWORD = 'secret';
export const IMAP_TEST_ACCOUNTS = 40;

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Runs a command that may leave a daemon behind: its output goes to a file, since a
 * daemon inheriting our pipes would keep spawnSync waiting for them to close.
 */
function runDetached(cmd, args, outFile) {
  const fd = fs.openSync(outFile, 'w');
  try {
    const res = spawnSync(cmd, args, { cwd: '/', stdio: ['ignore', fd, fd] });
    return { status: res.error ? -1 : (res.status ?? -1), output: res.error ? res.error.message : fs.readFileSync(outFile, 'utf8') };
  } finally {
    fs.closeSync(fd);
  }
}

/** The dovecot binary, installing Debian's package when we may. */
function ensureDovecotInstalled() {
  const find = () => ['/usr/sbin/dovecot', ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'dovecot'))].find((p) => fs.existsSync(p));
  const found = find();
  if (found) return found;
  ensureDebianPackages(['dovecot-imapd'], 'the IMAP tests (*.imap.test.ts)');
  const bin = find();
  if (!bin) throw new Error('package "dovecot-imapd" is installed but no dovecot binary was found');
  return bin;
}

/** Resolves true once an IMAP greeting arrives on port, false after timeoutMs. */
async function waitForGreeting(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const sock = net.connect({ host: '127.0.0.1', port });
      const done = (v) => {
        sock.destroy();
        resolve(v);
      };
      sock.setTimeout(1000, () => done(false));
      sock.on('error', () => done(false));
      sock.once('data', (d) => done(String(d).startsWith('* OK')));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // The daemonised master's parent is init: until init reaps it, an exited master is a
  // zombie, which kill(0) still finds.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Who owns the mail files and runs Dovecot's unprivileged processes. */
function identities() {
  if (isRoot) return { uid: 65534, gid: 65534, userdb: 'uid=nobody gid=nogroup', internalUser: 'dovecot', loginUser: 'dovenull' };
  // Rootless: every process runs as us (Dovecot supports this when told so).
  const me = os.userInfo();
  return { uid: me.uid, gid: me.gid, userdb: `uid=${me.uid} gid=${me.gid}`, internalUser: me.username, loginUser: me.username };
}

function configText(dir, port, ids) {
  return `# Written by scripts/dovecot.mjs for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = guichet-test-${path.basename(dir)}
default_internal_user = ${ids.internalUser}
default_login_user = ${ids.loginUser}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:~/Maildir
# Throwaway mail: no fsync (appending thousands of messages for the bench takes half the time).
mail_fsync = never
mail_max_userip_connections = 200
first_valid_uid = ${Math.min(ids.uid, 500)}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = ${ids.userdb} home=${dir}/home/%u
}
# No auth penalty (a growing delay for the IP after a failed login): tests try wrong
# passwords on purpose, and every test connects from 127.0.0.1.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/**
 * Starts a fresh Dovecot. Resolves to { host, port, dir, accounts, password, stop };
 * stop() signals the master at once (safe from a signal handler), then waits for it.
 */
export async function startDovecot({ accounts = IMAP_TEST_ACCOUNTS } = {}) {
  const bin = ensureDovecotInstalled();
  const ids = identities();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-imap-'));
  fs.chmodSync(dir, 0o755); // the imap processes (nobody) walk through it to their homes
  for (const sub of ['run', 'state', 'home', 'locks']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  fs.chmodSync(path.join(dir, 'locks'), 0o777);
  const names = Array.from({ length: accounts }, (_, i) => `box${i + 1}@test`);
  fs.writeFileSync(path.join(dir, 'passwd'), names.map((n) => `${n}:{PLAIN}${IMAP_TEST_PASSWORD}\n`).join(''), { mode: 0o644 });
  for (const n of names) {
    const home = path.join(dir, 'home', n);
    fs.mkdirSync(home, { mode: 0o700 });
    fs.chownSync(home, ids.uid, ids.gid);
  }
  const pidFile = path.join(dir, 'run', 'master.pid');
  const confFile = path.join(dir, 'dovecot.conf');

  let pid = null;
  let stopped = false;
  let exited = Promise.resolve();
  const stop = () => {
    if (!stopped) {
      stopped = true;
      pid ??= readPid(pidFile);
      const target = pid;
      if (target && isAlive(target)) {
        try {
          process.kill(target, 'SIGTERM');
        } catch {}
      }
      exited = (async () => {
        const deadline = Date.now() + 10_000;
        while (target && isAlive(target) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (target && isAlive(target)) {
          console.error(`Dovecot (pid ${target}) did not stop within 10 s: killing it`);
          try {
            process.kill(target, 'SIGKILL');
          } catch {}
        }
        fs.rmSync(dir, { recursive: true, force: true });
      })();
    }
    return exited;
  };

  try {
    let lastError = '';
    // Another process may take the port between our probe and the start: retry.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      fs.writeFileSync(confFile, configText(dir, port, ids));
      const start = runDetached(bin, ['-c', confFile], path.join(dir, 'start.out')); // the master daemonises and writes master.pid
      pid = readPid(pidFile);
      if (start.status === 0 && (await waitForGreeting(port, 10_000))) {
        return { host: '127.0.0.1', port, dir, accounts, password: IMAP_TEST_PASSWORD, stop };
      }
      let log = '';
      try {
        log = fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
      } catch {}
      lastError = `dovecot -c ${confFile} failed (exit ${start.status}) on port ${port}:\n${start.output}\n${log}`;
      if (pid && isAlive(pid)) {
        process.kill(pid, 'SIGTERM');
        const deadline = Date.now() + 5000;
        while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      }
      pid = null;
      fs.rmSync(pidFile, { force: true });
    }
    throw new Error(lastError);
  } catch (err) {
    await stop();
    throw err;
  }
}

/** What the test files are told (see server/src/test/imap.ts). */
export function dovecotEnv(imap) {
  return {
    GUICHET_TEST_IMAP_HOST: imap.host,
    GUICHET_TEST_IMAP_PORT: String(imap.port),
    GUICHET_TEST_IMAP_DIR: imap.dir,
    GUICHET_TEST_IMAP_ACCOUNTS: String(imap.accounts),
    GUICHET_TEST_IMAP_PASSWORD: imap.password,
  };
}

// CLI: `node scripts/dovecot.mjs` keeps Dovecot up until Ctrl-C / SIGTERM.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const imap = await startDovecot();
    for (const [k, v] of Object.entries(dovecotEnv(imap))) console.log(`${k}=${v}`);
    console.error('Dovecot is running; press Ctrl-C to stop it and delete its mail.');
    const shutdown = async () => {
      await imap.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    console.error(`Could not start Dovecot: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
