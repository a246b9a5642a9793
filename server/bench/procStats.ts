import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ServerResources } from './scenarioTypes';

/**
 * Resource use of a server process read from Linux's /proc, so that the figures are the kernel's and
 * cover every thread of the process (V8's GC and compiler threads, libuv's pool, SQLite).
 */

/** Clock ticks per second of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

/** CPU seconds the process has used so far in user space (its own code) and in the kernel for it. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the name (0-based).
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
}

/** User plus system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** Resident set size now, in MiB. */
export function rssMiB(pid: number): number {
  return statusKiB(pid, 'VmRSS') / 1024;
}

/**
 * Samples the resident set of a process while a scenario runs and keeps the highest value. The kernel's
 * own high-water mark (VmHWM) is read too and reset at the start when the kernel allows it, so that a
 * spike between two samples is not missed; without the reset it would include earlier phases (start-up,
 * filling), so then only the samples count.
 */
export class PeakRssSampler {
  private peakMiB = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly hwmWasReset: boolean;

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.hwmWasReset = resetHighWaterMark(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Stops sampling and returns the peak in MiB. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    if (this.hwmWasReset) {
      const hwm = safe(() => statusKiB(this.pid, 'VmHWM') / 1024);
      if (Number.isFinite(hwm)) this.peakMiB = Math.max(this.peakMiB, hwm);
    }
    return this.peakMiB;
  }

  private sample(): void {
    const rss = safe(() => rssMiB(this.pid));
    if (Number.isFinite(rss)) this.peakMiB = Math.max(this.peakMiB, rss);
  }
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+, own processes only). */
function resetHighWaterMark(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// The process may exit between two samples (a crash is reported elsewhere); a missing file is no error here.
function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return Number.NaN;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Starts measuring one server process, or several (relay nodes) as one: CPU and resident sets are
 * summed, the peak as the sum of each process's own peak. The returned function ends the window.
 */
export function openWindow(pids: number | readonly number[]): () => ServerResources {
  const all = typeof pids === 'number' ? [pids] : [...pids];
  const rssAtStartMiB = sum(all.map(rssMiB));
  const samplers = all.map((pid) => new PeakRssSampler(pid));
  const systemSeconds = () => sum(all.map((pid) => cpuTimes(pid).system));
  const cpuAtStart = sum(all.map(cpuSeconds));
  const systemAtStart = systemSeconds();
  return () => ({
    cpuSeconds: sum(all.map(cpuSeconds)) - cpuAtStart,
    cpuSystemSeconds: systemSeconds() - systemAtStart,
    peakRssMiB: sum(samplers.map((sampler) => sampler.stop())),
    rssAtStartMiB,
  });
}

/** Busy CPU seconds of the whole machine, all cores, since boot: everything but idle and iowait. */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return (total - ticks[3]! - ticks[4]!) / CLOCK_TICKS;
}

export interface SelfWindow {
  /** The load generator's CPU, in percent of one core. */
  cpuPercent: number;
  loopDelayP99Ms: number;
  /** Cores kept busy by the whole machine on average (server, load generator, everything else). */
  machineBusyCores: number;
  seconds: number;
}

const LOOP_RESOLUTION_MS = 2;

/**
 * Measures the load generator itself over a window: its CPU share, how late its event loop ran, and
 * how busy the whole machine was (to tell when other programs competed for the cores).
 * Node's histogram counts the sampling interval itself, so it is subtracted to leave only the delay.
 */
export function openSelfWindow(): () => SelfWindow {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const cpu = process.cpuUsage();
  const machineAtStart = machineBusySeconds();
  const start = performance.now();
  return () => {
    loop.disable();
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - start) / 1000;
    return {
      cpuPercent: ((used.user + used.system) / 1e6 / seconds) * 100,
      loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      machineBusyCores: (machineBusySeconds() - machineAtStart) / seconds,
      seconds,
    };
  };
}

/** What the machine did besides the server and the load generator. */
export function otherBusyCores(
  machineBusyCores: number,
  serverCpuSeconds: number,
  loadgenCpuPercent: number,
  seconds: number,
): number {
  return Math.max(0, machineBusyCores - serverCpuSeconds / seconds - loadgenCpuPercent / 100);
}
