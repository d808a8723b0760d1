// Installs the Debian packages the tests need (PostgreSQL, Chromium…) when they are
// missing, in one apt-get run, as root. Package scripts must not start system daemons:
// a policy-rc.d answering 101 says so for the time of the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const POLICY_RC = '/usr/sbin/policy-rc.d';

function run(cmd, args, { inherit = false, env = process.env } = {}) {
  const res = spawnSync(cmd, args, { cwd: '/', env, encoding: 'utf8', stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (res.error) return { status: -1, output: String(res.error.message) };
  return { status: res.status ?? -1, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

export function isPackageInstalled(name) {
  const { status, output } = run('dpkg', ['-s', name]);
  return status === 0 && /^Status: install ok installed$/m.test(output);
}

/** Installs whichever of `packages` are missing; throws with a readable reason otherwise. */
export function ensureDebianPackages(packages, why) {
  const missing = packages.filter((p) => !isPackageInstalled(p));
  if (missing.length === 0) return;
  if (!isRoot) {
    throw new Error(`Debian package(s) ${missing.join(', ')} missing (${why}) and we are not root, so they cannot be installed automatically: sudo apt-get install --no-install-recommends ${missing.join(' ')}`);
  }
  let original = null;
  let created = false;
  const existing = fs.existsSync(POLICY_RC) ? fs.readFileSync(POLICY_RC, 'utf8') : null;
  if (existing === null) {
    fs.writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    created = true;
  } else if (!/^\s*exit\s+101\s*$/m.test(existing)) {
    original = { content: existing, mode: fs.statSync(POLICY_RC).mode & 0o7777 };
    fs.writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n');
    fs.chmodSync(POLICY_RC, 0o755);
  }
  try {
    console.log(`Installing Debian package(s) ${missing.join(', ')} (${why})…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = run('apt-get', ['update'], { inherit: true, env });
    if (update.status !== 0) throw new Error(`apt-get update failed (exit ${update.status})`);
    const install = run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { inherit: true, env });
    if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${install.status})`);
  } finally {
    if (created) fs.rmSync(POLICY_RC, { force: true });
    else if (original) {
      fs.writeFileSync(POLICY_RC, original.content);
      fs.chmodSync(POLICY_RC, original.mode);
    }
  }
}
