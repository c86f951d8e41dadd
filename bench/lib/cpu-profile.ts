/**
 * Summarises the V8 CPU profiles of a worker process (one file per thread: the main thread runs activities and
 * the SDK's bridge, the workflow thread runs workflow code): self time by source file and by function.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  bySource: Array<[string, number]>;
  byFunction: Array<[string, number]>;
}

export function summariseProfiles(dir: string, top = 12): ProfileSummary[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => summarise(name, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CpuProfile, top));
}

function summarise(file: string, profile: CpuProfile, top: number): ProfileSummary {
  const samples = profile.samples?.length ?? profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const msPerSample = samples > 0 ? (profile.endTime - profile.startTime) / 1000 / samples : 0;
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerSample;
    if (ms === 0) continue;
    const source = sourceOf(node.callFrame.url, node.callFrame.functionName);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${source}:${node.callFrame.lineNumber + 1}`;
    bySource.set(source, (bySource.get(source) ?? 0) + ms);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort(([, a], [, b]) => b - a).slice(0, top);
  return {
    file,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    bySource: sorted(bySource),
    byFunction: sorted(byFunction),
  };
}

/** A short name for where code lives: a package, a project folder, or V8's own pseudo-frames like (idle). */
function sourceOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1]) return packageMatch[1];
  if (url.startsWith('node:')) return url;
  const project = /\/work\/[^/]+\/([^/]+\/[^/]+)/.exec(url);
  return project?.[1] ?? path.basename(url);
}

export function printProfiles(label: string, summaries: ProfileSummary[]): void {
  for (const summary of summaries) {
    const pct = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`\n${label} ${summary.file} (${(summary.totalMs / 1000).toFixed(1)} s profiled)`);
    console.log(`  by source:   ${summary.bySource.map(([s, ms]) => `${s} ${pct(ms)}`).join(', ')}`);
    console.log(`  by function: ${summary.byFunction.map(([f, ms]) => `${f} ${pct(ms)}`).join('; ')}`);
  }
}
