/**
 * The `tsf` CLI end to end, as a user runs it: a worker process, then create-state-machine, start-execution,
 * describe-execution and get-execution-history; `temporal workflow list` shows the execution by its ARN.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { testAddress, uniqueName } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';
import { runTsf, startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const taskQueue = uniqueName('cli');
let worker: WorkerProcess;
before(async () => {
  worker = await startWorkerProcess(taskQueue, ['examples/handlers.ts']);
});
after(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.exited;
});

const env = { TSF_TASK_QUEUE: taskQueue };
const MAP = JSON.stringify({
  StartAt: 'Map',
  States: {
    Map: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      },
      End: true,
    },
  },
});

async function tsfJson(args: string[]) {
  const result = await runTsf(args, env);
  assert.equal(result.code, 0, `tsf ${args[0]} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

test('create, start, describe and read the history of the hello machine', async () => {
  const name = uniqueName('hello');
  const created = await tsfJson([
    'create-state-machine',
    '--name',
    name,
    '--definition',
    'file://examples/hello/definition.json',
  ]);
  assert.equal(created.stateMachineArn, `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`);
  assert.match(created.creationDate, /^\d{4}-\d\d-\d\dT/);

  const started = await tsfJson([
    'start-execution',
    '--state-machine-arn',
    created.stateMachineArn,
    '--name',
    'first',
    '--input',
    'file://examples/hello/input.json',
  ]);
  assert.equal(started.executionArn, `arn:aws:states:us-east-1:000000000000:execution:${name}:first`);

  let described;
  for (let i = 0; i < 100; i++) {
    described = await tsfJson(['describe-execution', '--execution-arn', started.executionArn]);
    if (described.status !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(described.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(described.output), { message: 'Hello, Ada Lovelace! (a long greeting)' });

  const history = await tsfJson(['get-execution-history', '--execution-arn', started.executionArn]);
  assert.deepEqual(
    history.events.map((e: { type: string }) => e.type),
    [
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ],
  );
  assert.deepEqual(
    history.events.map((e: { id: number }) => e.id),
    history.events.map((_: unknown, i: number) => i + 1),
  );

  // ListExecutions of the machine, and `tsf list-executions` with no ARN: every state machine's executions, newest
  // first (a second machine's execution, started later, comes before; visibility may lag behind an execution's end).
  const byMachine = await tsfJson(['list-executions', '--state-machine-arn', created.stateMachineArn]);
  assert.deepEqual(
    byMachine.executions.map((e: { executionArn: string }) => e.executionArn),
    [started.executionArn],
  );
  // The later one runs a Distributed Map: its two Standard children are listed by their Map Run, not here.
  const other = await tsfJson(['create-state-machine', '--name', uniqueName('other'), '--definition', MAP]);
  const later = await tsfJson(['start-execution', '--state-machine-arn', other.stateMachineArn, '--input', '[1, 2]']);
  const everyMachine = await pollUntil(async () => {
    const { executions } = await tsfJson(['list-executions']);
    const arns = executions.map((e: { executionArn: string }) => e.executionArn);
    const ours = executions.filter((e: { executionArn: string }) =>
      [later.executionArn, started.executionArn].includes(e.executionArn),
    );
    return ours.length === 2 && ours.every((e: { status: string }) => e.status === 'SUCCEEDED') ? arns : undefined;
  }, 'tsf list-executions to list both executions SUCCEEDED');
  assert.ok(everyMachine.indexOf(later.executionArn) < everyMachine.indexOf(started.executionArn), 'newest first');
  // Map Run children (ARNs `execution:<machine>/<label>:<name>`) are not listed.
  const [mapRun] = (await tsfJson(['list-map-runs', '--execution-arn', later.executionArn])).mapRuns;
  const children = await tsfJson(['list-executions', '--map-run-arn', mapRun.mapRunArn]);
  assert.equal(children.executions.length, 2);
  for (const child of children.executions) assert.ok(!everyMachine.includes(child.executionArn), child.executionArn);
  assert.deepEqual(
    everyMachine.filter((arn: string) => arn.split(':')[6]!.includes('/')),
    [],
  );
  // Paged like ListExecutions.
  const firstPage = await tsfJson(['list-executions', '--max-results', '1']);
  assert.equal(firstPage.executions.length, 1);
  const secondPage = await tsfJson(['list-executions', '--max-results', '1', '--next-token', firstPage.nextToken]);
  assert.equal(secondPage.executions.length, 1);
  assert.notEqual(secondPage.executions[0].executionArn, firstPage.executions[0].executionArn);

  // The Temporal CLI the project built sees the same execution, its workflow id being the execution ARN.
  const { stdout } = await promisify(execFile)(process.env.TEMPORAL_CLI ?? 'temporal', [
    'workflow',
    'list',
    '--address',
    testAddress(),
    '--query',
    `WorkflowId = '${started.executionArn}'`,
    '--output',
    'json',
  ]);
  const listed = JSON.parse(stdout) as Array<{ execution: { workflowId: string }; type: { name: string } }>;
  assert.equal(listed.length, 1);
  assert.equal(listed[0]?.execution.workflowId, started.executionArn);
  assert.equal(listed[0]?.type.name, 'executionWorkflow');
});

test('an error prints its name and message on stderr and exits non-zero', async () => {
  const missing = 'arn:aws:states:us-east-1:000000000000:execution:nope:nothing';
  const result = await runTsf(['describe-execution', '--execution-arn', missing], env);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim(), `ExecutionDoesNotExist: Execution Does Not Exist: '${missing}'`);

  const invalid = await runTsf(
    [
      'create-state-machine',
      '--name',
      uniqueName('bad'),
      '--definition',
      '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
    ],
    env,
  );
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /^InvalidDefinition: .*\/States\/A\/Next/);

  const pendingEverywhere = await runTsf(['list-executions', '--status-filter', 'PENDING_REDRIVE'], env);
  assert.equal(pendingEverywhere.code, 1);
  assert.match(
    pendingEverywhere.stderr,
    /^ValidationException: statusFilter PENDING_REDRIVE is only supported together with mapRunArn/,
  );
});
