/**
 * The lint fences of eslint.config.mjs, each shown to bite: a forbidden snippet, linted as a file of the folder it
 * is forbidden in, is reported by the rule that guards that fence, and the allowed look-alikes next to it are not.
 * A fence loosened by accident (a glob that no longer matches, a rule dropped in a later config block) fails here
 * instead of going quiet. The snippets are linted from memory without type information, which keeps this fast;
 * only the import cycle needs files on disk, since no-cycle follows the imports of files it can read.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '../..');
const withoutTypes = tseslint.configs.disableTypeChecked;
// import-x/no-cycle would walk the whole import graph behind each snippet: it has its own tests at the end.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [withoutTypes, { files: ['**/*.ts', '**/*.tsx'], rules: { 'import-x/no-cycle': 'off' } }],
});
const cycles = new ESLint({ cwd: root, overrideConfig: [withoutTypes] });

const FENCE_RULES = [
  'import-x/no-cycle',
  'import-x/no-restricted-paths',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-globals',
  'max-lines',
  'max-lines-per-function',
];

/** The fence rules reported for `code` linted as the file `file` (relative to the repository). */
async function fencesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal || m.ruleId == null);
  assert.deepEqual(fatal, [], `${file} did not lint`);
  return [...new Set(result.messages.map((m) => m.ruleId!).filter((rule) => FENCE_RULES.includes(rule)))].sort();
}

interface Case {
  why: string;
  file: string;
  code: string;
  /** The fence rules expected to report, none for an allowed look-alike. */
  rules: string[];
}

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = '@typescript-eslint/no-restricted-imports';
const GLOBALS = 'no-restricted-globals';

const CASES: Case[] = [
  // asl/ and iam/: pure, not even a type from Temporal or Node.
  {
    why: 'asl/ imports no Temporal package',
    file: 'asl/x.ts',
    code: "import { sleep } from '@temporalio/workflow';\nexport const x = sleep;\n",
    rules: [IMPORTS],
  },
  {
    why: 'asl/ imports no Temporal type',
    file: 'asl/x.ts',
    code: "import type { WorkflowInfo } from '@temporalio/workflow';\nexport type X = WorkflowInfo;\n",
    rules: [IMPORTS],
  },
  {
    why: 'asl/ imports no Node built-in',
    file: 'asl/x.ts',
    code: "import path from 'path';\nexport const x = path;\n",
    rules: [IMPORTS],
  },
  {
    why: 'iam/ imports no node: module',
    file: 'iam/x.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    rules: [IMPORTS],
  },
  {
    why: 'iam/ imports no Temporal type',
    file: 'iam/x.ts',
    code: "import type { Context } from '@temporalio/activity';\nexport type X = Context;\n",
    rules: [IMPORTS],
  },
  {
    why: 'asl/ uses no process global',
    file: 'asl/x.ts',
    code: 'export const x = process.env.HOME;\n',
    rules: [GLOBALS],
  },
  // workflows/ and messages/: the workflow sandbox.
  {
    why: 'workflows/ imports no Node built-in',
    file: 'workflows/x.ts',
    code: "import crypto from 'crypto';\nexport const x = crypto;\n",
    rules: [IMPORTS],
  },
  {
    why: 'workflows/ imports no Node type either',
    file: 'workflows/x.ts',
    code: "import type { Stats } from 'node:fs';\nexport type X = Stats;\n",
    rules: [IMPORTS],
  },
  {
    why: 'workflows/ imports no @temporalio/client',
    file: 'workflows/x.ts',
    code: "import { Client } from '@temporalio/client';\nexport const x = Client;\n",
    rules: [IMPORTS],
  },
  {
    why: 'workflows/ may import @temporalio/workflow',
    file: 'workflows/x.ts',
    code: "import { sleep } from '@temporalio/workflow';\nexport const x = sleep;\n",
    rules: [],
  },
  {
    why: 'workflows/ uses no process global',
    file: 'workflows/x.ts',
    code: 'export const region = process.env.AWS_REGION;\n',
    rules: [GLOBALS],
  },
  {
    why: 'workflows/ uses no Buffer global',
    file: 'workflows/x.ts',
    code: "export const bytes = Buffer.from('x');\n",
    rules: [GLOBALS],
  },
  {
    why: 'a class named ResultBuffer is not the Buffer global',
    file: 'workflows/x.ts',
    code: 'class ResultBuffer {}\nexport const held = new ResultBuffer();\n',
    rules: [],
  },
  {
    why: 'messages/ imports no Node built-in',
    file: 'messages/x.ts',
    code: "import os from 'node:os';\nexport const x = os;\n",
    rules: [IMPORTS],
  },
  {
    why: 'messages/ uses no Buffer global',
    file: 'messages/x.ts',
    code: 'export const x = Buffer.alloc(1);\n',
    rules: [GLOBALS],
  },
  // The layers, bottom up: asl, iam -> messages -> workflows -> activities -> client -> top -> test.
  {
    why: 'asl/ does not import iam/',
    file: 'asl/x.ts',
    code: "import { evaluate } from '../iam/evaluate';\nexport const x = evaluate;\n",
    rules: [PATHS],
  },
  {
    why: 'asl/ does not import messages/',
    file: 'asl/x.ts',
    code: "import type { MapRunCounts } from '../messages/map-run-counts';\nexport type X = MapRunCounts;\n",
    rules: [PATHS],
  },
  {
    why: 'iam/ does not import asl/',
    file: 'iam/x.ts',
    code: "import { isJsonObject } from '../asl/json';\nexport const x = isJsonObject;\n",
    rules: [PATHS],
  },
  {
    why: 'messages/ does not import workflows/',
    file: 'messages/x.ts',
    code: "import type { MapRunConfig } from '../workflows/map-run/config';\nexport type X = MapRunConfig;\n",
    rules: [PATHS],
  },
  {
    why: 'messages/ may import asl/',
    file: 'messages/x.ts',
    code: "import type { Json } from '../asl/json';\nexport type X = Json;\n",
    rules: [],
  },
  {
    why: 'workflows/ does not import client/',
    file: 'workflows/x.ts',
    code: "import { StepFunctions } from '../client';\nexport const x = StepFunctions;\n",
    rules: [PATHS],
  },
  {
    why: 'workflows/ imports no activities type outside the named files',
    file: 'workflows/x.ts',
    code: "import type { EngineActivities } from '../activities';\nexport type X = EngineActivities;\n",
    rules: [PATHS],
  },
  {
    why: 'workflow-host.ts may import the activities type (proxyActivities)',
    file: 'workflows/workflow-host.ts',
    code: "import type { EngineActivities } from '../activities';\nexport type X = EngineActivities;\n",
    rules: [],
  },
  {
    why: 'workflow-host.ts imports no activities code',
    file: 'workflows/workflow-host.ts',
    code: "import { createActivities } from '../activities';\nexport const x = createActivities;\n",
    rules: [IMPORTS],
  },
  {
    why: 'workflow-host.ts still imports no Node built-in',
    file: 'workflows/workflow-host.ts',
    code: "import fs from 'node:fs';\nexport const x = fs;\n",
    rules: [IMPORTS],
  },
  {
    why: 'activities/ does not import client/',
    file: 'activities/x.ts',
    code: "import { StepFunctions } from '../client';\nexport const x = StepFunctions;\n",
    rules: [PATHS],
  },
  {
    why: 'activities/ may import workflows/',
    file: 'activities/x.ts',
    code: "import type { MapRunConfig } from '../workflows/map-run/config';\nexport type X = MapRunConfig;\n",
    rules: [],
  },
  {
    why: 'client/ does not import cli/',
    file: 'client/x.ts',
    code: "import { main } from '../cli/main';\nexport const x = main;\n",
    rules: [PATHS],
  },
  {
    why: 'worker/ does not import test/',
    file: 'worker/x.ts',
    code: "import { TEST_EPOCH } from '../test/helpers/test-host';\nexport const x = TEST_EPOCH;\n",
    rules: [PATHS],
  },
  {
    why: 'cli/ may import worker/ (same layer)',
    file: 'cli/x.ts',
    code: "import { workflowBundle } from '../worker/bundle';\nexport const x = workflowBundle;\n",
    rules: [],
  },
  {
    why: 'console/web does not import workflows/',
    file: 'console/web/src/x.ts',
    code: "import type { MapRunConfig } from '../../../workflows/map-run/config';\nexport type X = MapRunConfig;\n",
    rules: [PATHS],
  },
  {
    why: 'console/web imports messages/ for types only',
    file: 'console/web/src/x.ts',
    code: "import { describeMapRunQuery } from '../../../messages/map-run';\nexport const x = describeMapRunQuery;\n",
    rules: [IMPORTS],
  },
  {
    why: 'console/web may import a messages/ type',
    file: 'console/web/src/x.ts',
    code: "import type { MapRunCounts } from '../../../messages/map-run-counts';\nexport type X = MapRunCounts;\n",
    rules: [],
  },
  // Sizes, outside test/.
  {
    why: 'a file over 300 lines',
    file: 'client/x.ts',
    code: lines(301, (i) => `export const v${i} = ${i};`),
    rules: ['max-lines'],
  },
  { why: 'a file of 300 lines', file: 'client/x.ts', code: lines(300, (i) => `export const v${i} = ${i};`), rules: [] },
  {
    why: 'a test file may be longer',
    file: 'test/unit/x.test.ts',
    code: lines(301, (i) => `export const v${i} = ${i};`),
    rules: [],
  },
  { why: 'a function over 120 lines', file: 'client/x.ts', code: fn(121), rules: ['max-lines-per-function'] },
  { why: 'a function of 120 lines', file: 'client/x.ts', code: fn(120), rules: [] },
  {
    why: 'a long function that says why',
    file: 'client/x.ts',
    code: `// eslint-disable-next-line max-lines-per-function -- one table, read top to bottom\n${fn(121)}`,
    rules: [],
  },
];

function lines(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';
}

/** A function `count` lines long, from its signature to its closing brace. */
function fn(count: number): string {
  return `export function long(): number {\n  let n = 0;\n${lines(count - 4, (i) => `  n += ${i};`)}  return n;\n}\n`;
}

// The snippets import real modules (a zone checks only imports that resolve), but no snippet is type-checked.
for (const c of CASES) {
  test(`lint fence: ${c.why}`, async () => {
    assert.deepEqual(await fencesHit(c.file, c.code), c.rules);
  });
}

const cycleDir = fs.mkdtempSync(path.join(root, 'asl', '.lint-fences-cycle-'));
after(() => fs.rmSync(cycleDir, { recursive: true, force: true }));

test('lint fence: an import cycle', async () => {
  fs.writeFileSync(path.join(cycleDir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
  fs.writeFileSync(path.join(cycleDir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a();\n");
  const results = await cycles.lintFiles([path.join(cycleDir, 'a.ts')]);
  const rules = results.flatMap((result) => result.messages.map((m) => m.ruleId));
  assert.ok(rules.includes('import-x/no-cycle'), `no-cycle did not report: ${JSON.stringify(results[0]?.messages)}`);
});

// import-x/no-cycle sees run-time imports only; type-only cycles are dependency-cruiser's (dependency-cycles.test.ts).
test('lint fence: a type-only import back is no cycle for import-x/no-cycle', async () => {
  fs.writeFileSync(path.join(cycleDir, 'c.ts'), "import type { D } from './d';\nexport type C = D[];\n");
  fs.writeFileSync(path.join(cycleDir, 'd.ts'), "import type { C } from './c';\nexport type D = { c?: C };\n");
  const results = await cycles.lintFiles([path.join(cycleDir, 'c.ts')]);
  const rules = results.flatMap((result) => result.messages.map((m) => m.ruleId));
  assert.ok(!rules.includes('import-x/no-cycle'), JSON.stringify(results[0]?.messages));
});
