/**
 * The import-cycle rule of .dependency-cruiser.cjs (`no-circular`, run by `npm run lint`), shown to bite. ESLint's
 * import-x/no-cycle lets every `import type` cycle through (lint-fences.test.ts); this rule counts them and allows
 * by name only the cycle of Temporal's proxyActivities pattern: workflows/workflow-host.ts or
 * workflows/map-run/activities.ts importing the activities' type from activities/, which import workflows back.
 *
 * Each case is a few files laid out like the repository in a temporary folder, cruised with the repository's own
 * rules; the folder is removed afterwards. The last test holds the repository itself to the exact rule: the rule
 * judges a cycle by the one path dependency-cruiser finds for each import, so a forbidden ring could hide behind an
 * allowed one; here the allowed imports are taken out of the graph and no cycle may be left.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ICruiseResult, IConfiguration } from 'dependency-cruiser';

const root = path.resolve(__dirname, '../..');
const config = createRequire(__filename)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-dependency-cycles-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The files that may import the activities' type (the allowed cycle runs through them). */
const ACTIVITY_TYPE_IMPORTERS = ['workflows/workflow-host.ts', 'workflows/map-run/activities.ts'];

async function cruised(baseDir: string, options: Partial<NonNullable<IConfiguration['options']>>) {
  const { cruise } = await import('dependency-cruiser');
  const { tsConfig: _tsConfig, ...shared } = config.options ?? {};
  const { output } = await cruise(['.'], { ...shared, ...options, baseDir });
  return output as ICruiseResult;
}

/**
 * The violations of the repository's rules in a tree of files (path -> source), each as `rule: its modules`.
 * `cyclic` says which of the files are on a cycle, reported or not.
 */
async function violations(files: Record<string, string>, cyclic: string[] = []): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(scratch, 'case-'));
  for (const [file, code] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), code);
  }
  const result = await cruised(dir, { validate: true, ruleSet: { forbidden: config.forbidden } });
  assert.equal(result.summary.totalCruised, Object.keys(files).length, 'every file cruised');
  const onCycle = result.modules.filter((m) => m.dependencies.some((d) => d.circular)).map((m) => m.source);
  for (const file of cyclic) assert.ok(onCycle.includes(file), `${file} is on a cycle`);
  const modules = (v: (typeof result.summary.violations)[number]) =>
    [...new Set([v.from, v.to, ...(v.cycle ?? []).map((d) => d.name)])].sort().join(', ');
  return [...new Set(result.summary.violations.map((v) => `${v.rule.name}: ${modules(v)}`))].sort();
}

const typeCycle = (a: string, b: string, fromA: string, fromB: string) => ({
  [a]: `import type { B } from '${fromA}';\nexport interface A { b?: B }\n`,
  [b]: `import type { A } from '${fromB}';\nexport interface B { a?: A }\n`,
});

test('no-circular: a type-only cycle is reported', async () => {
  const found = await violations(typeCycle('workflows/a.ts', 'workflows/b.ts', './b', './a'), ['workflows/a.ts']);
  assert.deepEqual(found, ['no-circular: workflows/a.ts, workflows/b.ts']);
});

test('no-circular: a run-time cycle is reported', async () => {
  const found = await violations({
    'asl/a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
    'asl/b.ts': "import { a } from './a';\nexport const b = (): number => a();\n",
  });
  assert.deepEqual(found, ['no-circular: asl/a.ts, asl/b.ts']);
});

for (const importer of ACTIVITY_TYPE_IMPORTERS) {
  const up = importer.split('/').length === 2 ? '..' : '../..';
  test(`no-circular: ${importer} may close the proxyActivities cycle through activities/`, async () => {
    const files = {
      [importer]:
        `import { proxyActivities } from '@temporalio/workflow';\nimport type { EngineActivities } from '${up}/activities';\n` +
        'export const activities = () => proxyActivities<EngineActivities>({ startToCloseTimeout: 1 });\n',
      'activities/index.ts':
        "import type { MapRunConfig } from '../workflows/config';\nexport interface EngineActivities { read(config: MapRunConfig): Promise<void> }\n",
      // A workflow file the activities import, which uses the host: the ring runs back to the importer.
      'workflows/config.ts': `import type { activities } from './${importer.slice('workflows/'.length, -3)}';\nexport interface MapRunConfig { run?: typeof activities }\n`,
    };
    // All three are on the cycle, and it is not reported.
    assert.deepEqual(await violations(files, Object.keys(files)), []);
  });
}

test('no-circular: another workflow file importing the activities type back is reported', async () => {
  const found = await violations(
    typeCycle('workflows/other.ts', 'activities/index.ts', '../activities', '../workflows/other'),
  );
  assert.deepEqual(found, ['no-circular: activities/index.ts, workflows/other.ts']);
});

test('no-circular: a cycle through workflow-host.ts that stays in workflows/ is reported', async () => {
  const found = await violations(
    typeCycle('workflows/workflow-host.ts', 'workflows/start.ts', './start', './workflow-host'),
  );
  assert.deepEqual(found, ['no-circular: workflows/start.ts, workflows/workflow-host.ts']);
});

test('no-circular: a cycle inside activities/ is reported', async () => {
  const found = await violations(typeCycle('activities/a.ts', 'activities/b.ts', './b', './a'));
  assert.deepEqual(found, ['no-circular: activities/a.ts, activities/b.ts']);
});

test('the repository: no import cycle, type-only imports counted, once the proxyActivities imports are taken out', async () => {
  const result = await cruised(root, {});
  const edges = new Map<string, string[]>();
  for (const { source, dependencies } of result.modules) {
    const allowed = (to: string) => ACTIVITY_TYPE_IMPORTERS.includes(source) && to.startsWith('activities/');
    edges.set(
      source,
      dependencies.map((d) => d.resolved).filter((to) => !allowed(to)),
    );
  }
  assert.ok(edges.size > 300, `cruised ${edges.size} modules`);
  assert.ok(edges.get('workflows/workflow-host.ts') !== undefined, 'workflow-host.ts cruised');
  assert.deepEqual(cycles(edges), []);
});

/** Each strongly connected set of more than one module (Tarjan), as its modules, sorted. */
function cycles(edges: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const ring: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      ring.push(w);
    } while (w !== v);
    if (ring.length > 1 || edges.get(v)!.includes(v)) found.push(ring.sort().join(', '));
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}
