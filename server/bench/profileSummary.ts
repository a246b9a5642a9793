import fs from 'node:fs';
import path from 'node:path';

/**
 * Summarises V8 CPU profiles (`.cpuprofile`, as `--cpu-prof` writes them): the functions with the most
 * self time, and the time grouped by where the code lives (our server, ws, yjs, lib0, Node's own
 * JavaScript, native code such as socket writes, garbage collection, idle). Proportions hold even on a
 * busy machine, where absolute times do not.
 *
 *   npx tsx server/bench/profileSummary.ts <file or directory> [--top 25] [--last <s>]
 *
 * A directory is searched for `.cpuprofile` files; each is summarised on its own. `--last` keeps only
 * the samples of the profile's last seconds: a server's profile spans its start and the scenario's
 * set-up, and the measuring window plus drain is its end.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code lives, for the grouped view. */
export function area(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  if (url === '') return `native (${functionName || 'anonymous'})`;
  if (url.startsWith('node:')) return 'node internals (JS)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  if (url.includes('/server/bench/')) return 'the bench (load generator)';
  if (url.includes('/server/')) return 'our server';
  if (url.includes('/shared/')) return 'our shared';
  return url;
}

const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();

export function summarise(profile: CpuProfile, top: number, lastSeconds = Infinity): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  // Inclusive time of our own functions: what each costs with everything it calls.
  const ourTotalUs = new Map<string, number>();
  const from = profile.endTime - lastSeconds * 1e6;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = byId.get(node)!.callFrame;
      if (area(frame) !== 'our server') continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      ourTotalUs.set(key, (ourTotalUs.get(key) ?? 0) + delta);
    }
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)');
  const idleUs = idle.reduce((sum, [, us]) => sum + us, 0);
  const busy = total - idleUs;

  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    const key = label(frame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const where = area(frame);
    byArea.set(where, (byArea.get(where) ?? 0) + us);
  }
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [
    `busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled (${((100 * busy) / total).toFixed(0)} %); shares below are of busy time`,
    '',
    'by area:',
    ...[...byArea].sort((a, b) => b[1] - a[1]).map(([name, us]) => `  ${share(us)}  ${name}`),
    '',
    `top ${top} functions by self time:`,
    ...[...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `  ${share(us)}  ${name}`),
    '',
    `top ${top} of our server's functions by total time (with what they call):`,
    ...[...ourTotalUs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `  ${share(us)}  ${name}`),
  ];
  return lines.join('\n');
}

function profilesIn(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(target, name))
    .sort();
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
  const lastAt = args.indexOf('--last');
  const last = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : Infinity;
  if (args.length !== 1 || !Number.isInteger(top) || top <= 0 || !(last > 0)) {
    process.stderr.write(
      'usage: npx tsx server/bench/profileSummary.ts <file or directory> [--top n] [--last seconds]\n',
    );
    process.exit(2);
  }
  const files = profilesIn(args[0]!);
  if (files.length === 0) throw new Error(`no .cpuprofile under ${args[0]}`);
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    process.stdout.write(`## ${file}\n${summarise(profile, top, last)}\n\n`);
  }
}

main();
