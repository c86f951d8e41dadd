/**
 * The CLI's live progress: `tsf start-execution --wait` and `tsf describe-map-run --watch` print plain periodic
 * lines when stderr is not a terminal, and draw bars on a terminal (a pseudo terminal from `script`). The JSON
 * answer stays alone on stdout.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, testAddress, uniqueName, type TestEngine } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';

const root = path.resolve(__dirname, '../..');
const tsf = path.join(root, 'bin/tsf.cjs');
let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const ITEMS = 80;
const ESC = '\u001b';

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: testAddress(), TSF_TASK_QUEUE: engine.taskQueue, TERM: 'xterm' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const shellQuote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

test('start-execution --wait and describe-map-run --watch show progress: lines off a terminal, bars on one', async () => {
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 4,
        ItemSelector: { 'id.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow',
              Parameters: { seconds: 0.4 },
              End: true,
            },
          },
        },
        ResultPath: null,
        End: true,
      },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('progress'), definition });
  const name = uniqueName('watched');
  const input = JSON.stringify(Array.from({ length: ITEMS }, (_, i) => i));
  const waiting = run(process.execPath, [
    tsf,
    'start-execution',
    '--state-machine-arn',
    stateMachineArn,
    '--name',
    name,
    '--input',
    input,
    '--wait',
    '--progress-interval',
    '1',
  ]);
  const executionArn = stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`;
  const mapRunArn = await pollUntil(
    async () => (await engine.sfn.listMapRuns({ executionArn }).catch(() => undefined))?.mapRuns[0]?.mapRunArn,
    'the Map Run to start',
  );
  const watchArgs = ['describe-map-run', '--map-run-arn', mapRunArn, '--watch', '--progress-interval', '1'];
  const [waited, watched, onTerminal] = await Promise.all([
    waiting,
    run(process.execPath, [tsf, ...watchArgs]),
    // `script` runs the command on a pseudo terminal and copies what it draws to its own stdout.
    run('script', ['-qec', [process.execPath, tsf, ...watchArgs].map(shellQuote).join(' '), '/dev/null']),
  ]);

  // describe-map-run --watch off a terminal: periodic plain lines on stderr, then DescribeMapRun on stdout.
  assert.equal(watched.code, 0, watched.stderr);
  assert.ok(!watched.stderr.includes(`${ESC}[`), 'no terminal control codes off a terminal');
  const id = mapRunArn.split(':').pop()!.slice(0, 8);
  const lines = watched.stderr.split('\n').filter((line) => line.startsWith(`Map Run ${id} `));
  const running = lines.flatMap((line) => {
    const match = new RegExp(
      `^Map Run ${id} RUNNING (\\d+)/${ITEMS} items \\| succeeded \\d+.* \\| [\\d.?,]+/s \\| ETA \\S+$`,
    ).exec(line);
    return match ? [Number(match[1])] : [];
  });
  assert.ok(running.length >= 2, `several progress lines while it ran:\n${watched.stderr}`);
  for (let i = 1; i < running.length; i++) assert.ok(running[i]! >= running[i - 1]!, 'finished items never go back');
  assert.equal(lines.at(-1), `Map Run ${id} SUCCEEDED ${ITEMS}/${ITEMS} items | succeeded ${ITEMS}`);
  const described = JSON.parse(watched.stdout) as { status: string; itemCounts: { succeeded: number } };
  assert.equal(described.status, 'SUCCEEDED');
  assert.equal(described.itemCounts.succeeded, ITEMS);

  // start-execution --wait: the execution's line and its Map Run's, then DescribeExecution on stdout.
  assert.equal(waited.code, 0, waited.stderr);
  assert.match(waited.stderr, new RegExp(`^Execution ${name} RUNNING \\d+s$`, 'm'));
  assert.match(waited.stderr, new RegExp(`^Map Run ${id} RUNNING \\d+/${ITEMS} items`, 'm'));
  assert.match(waited.stderr, new RegExp(`^Execution ${name} SUCCEEDED \\d+s$`, 'm'));
  assert.equal((JSON.parse(waited.stdout) as { status: string }).status, 'SUCCEEDED');

  // On a terminal: one bar of block characters, redrawn in place on its line, then the JSON below it.
  assert.equal(onTerminal.code, 0, onTerminal.stdout + onTerminal.stderr);
  const drawn = onTerminal.stdout.slice(0, onTerminal.stdout.indexOf('{'));
  const bars = drawn.match(new RegExp(`Map Run ${id} RUNNING \\u2588*\\u2591+ \\d+/${ITEMS} items`, 'g')) ?? [];
  assert.ok(bars.length >= 2, `the bar was drawn several times:\n${JSON.stringify(drawn)}`);
  assert.ok(drawn.includes(`${ESC}[0K${ESC}[1G`), 'each drawing clears its line and returns to its start');
  assert.ok(!drawn.trimEnd().includes('\n'), 'redrawn in place, not one line per update');
  assert.match(drawn, new RegExp(`Map Run ${id} SUCCEEDED \\u2588{24} ${ITEMS}/${ITEMS} items`));
  assert.match(onTerminal.stdout, /"status": "SUCCEEDED"/);
});
