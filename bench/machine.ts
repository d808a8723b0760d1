// Facts about the machine, and how busy it was: a 2-core box shared with other work gives
// figures that only mean something next to the CPU the rest of the machine used meanwhile.
import fs from 'node:fs';
import os from 'node:os';

export function machineFacts() {
  return {
    nodeVersion: process.version,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    totalMemGB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()}`,
    loadAvg1mAtStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/** Busy and total CPU time of the whole machine so far, in ms (Linux; zeros elsewhere). */
function machineCpuMs(): { busy: number; total: number } {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const tick = 10; // USER_HZ is 100 on Linux
    return { busy: (user + nice + system + irq + softirq + steal) * tick, total: (user + nice + system + idle + iowait + irq + softirq + steal) * tick };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * Starts a CPU window; `end(clientCpuMs, requests)` says how much of the machine's CPU this process
 * (the server), the load client and everything else used, as % of one core.
 */
export function cpuWindow() {
  const m0 = machineCpuMs();
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  return (clientCpuMs: number, requests: number) => {
    const m1 = machineCpuMs();
    const p = process.cpuUsage(p0);
    const wallMs = performance.now() - t0;
    const serverMs = (p.user + p.system) / 1000;
    const machineBusyMs = m1.busy - m0.busy;
    const pct = (ms: number) => Math.round((ms / wallMs) * 100);
    return {
      // Server CPU per request: what a dedicated core would need, whatever else ran meanwhile.
      serverCpuUsPerReq: requests > 0 ? Math.round((serverMs * 1000) / requests) : 0,
      serverCpuPct: pct(serverMs),
      clientCpuPct: pct(clientCpuMs),
      // Others' CPU on the machine meanwhile (can read a little below 0 from tick rounding).
      otherCpuPct: m1.total > m0.total ? Math.max(0, pct(machineBusyMs - serverMs - clientCpuMs)) : null,
    };
  };
}
