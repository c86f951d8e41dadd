/**
 * Executions whose Temporal histories are recorded into test/replay/histories and replayed on every test run, so
 * that a workflow change that would break running executions fails CI (guard it with patched()).
 */
import { writeFileSync } from 'node:fs';
import type { StepFunctions } from '../../client';

export interface ReplayScenario {
  name: string;
  run(sfn: StepFunctions, counterDir: string): Promise<string[]>;
}

const task = (fn: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
  ...extra,
});

async function createAndRun(sfn: StepFunctions, name: string, definition: unknown, input: unknown) {
  const { stateMachineArn } = await sfn.createStateMachine({ name, definition: JSON.stringify(definition) });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return { stateMachineArn, executionArn };
}

export const scenarios: ReplayScenario[] = [
  {
    name: 'retry-catch-parallel-map',
    async run(sfn, counterDir) {
      const definition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Flaky',
                States: {
                  Flaky: task('flaky', {
                    Parameters: { key: 'replay', failTimes: 1, 'counterDir.$': '$.counterDir' },
                    Retry: [{ ErrorEquals: ['FlakyError'], MaxAttempts: 2, IntervalSeconds: 1 }],
                    End: true,
                  }),
                },
              },
              {
                StartAt: 'Items',
                States: {
                  Items: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    MaxConcurrency: 2,
                    ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
                    ItemProcessor: {
                      StartAt: 'Check',
                      States: {
                        Check: {
                          Type: 'Choice',
                          Choices: [{ Variable: '$.value', NumericGreaterThan: 2, Next: 'TooBig' }],
                          Default: 'Echo',
                        },
                        TooBig: { Type: 'Fail', Error: 'TooBig', Cause: 'item over 2' },
                        Echo: task('identity', { End: true }),
                      },
                    },
                    Catch: [{ ErrorEquals: ['TooBig'], ResultPath: '$.error', Next: 'Waited' }],
                    Next: 'Waited',
                  },
                  Waited: { Type: 'Wait', Seconds: 1, End: true },
                },
              },
            ],
            End: true,
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-mixed', definition, { counterDir, items: [1, 2, 3] });
      await sfn.waitForExecution({ executionArn });
      return [executionArn];
    },
  },
  {
    name: 'stop-and-timeout',
    async run(sfn) {
      const definition = { TimeoutSeconds: 2, StartAt: 'Slow', States: { Slow: task('slow', { End: true }) } };
      const timedOut = await createAndRun(sfn, 'replay-timeout', definition, { seconds: 30 });
      const stopped = await sfn.startExecution({ stateMachineArn: timedOut.stateMachineArn, input: '{"seconds":30}' });
      await new Promise((r) => setTimeout(r, 1000));
      await sfn.stopExecution({ executionArn: stopped.executionArn, error: 'Replay.Stop', cause: 'recorded' });
      await sfn.waitForExecution({ executionArn: timedOut.executionArn });
      return [timedOut.executionArn, stopped.executionArn, timedOut.stateMachineArn];
    },
  },
  {
    // A Distributed Map whose Standard child fails until a switch is flipped, then a redrive of the execution:
    // the execution's redrive loop, the Map Run, a partition and both runs of the redriven child are recorded.
    name: 'map-run-redrive',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            ItemsPath: '$.items',
            MaxConcurrency: 2,
            ItemSelector: { 'id.$': '$$.Map.Item.Value', 'switchFile.$': '$.switchFile' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Gate',
              States: {
                Gate: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
                  Parameters: { 'key.$': "States.Format('item-{}', $.id)", 'switchFile.$': '$.switchFile' },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-map-redrive', definition, {
        items: [1, 2, 3],
        switchFile,
      });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const { mapRuns } = await sfn.listMapRuns({ executionArn });
      const mapRunArn = mapRuns[0]!.mapRunArn;
      const children = await sfn.listExecutions({ mapRunArn });
      return [executionArn, mapRunArn, `${mapRunArn}/p0`, ...children.executions.map((c) => c.executionArn)];
    },
  },
  {
    name: 'state-machine-registry',
    async run(sfn) {
      const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
      const { stateMachineArn } = await sfn.createStateMachine({
        name: 'replay-registry',
        definition: JSON.stringify(definition),
      });
      await sfn.updateStateMachine({ stateMachineArn, roleArn: 'arn:aws:iam::000000000000:role/replay' });
      await sfn.deleteStateMachine({ stateMachineArn });
      return [stateMachineArn];
    },
  },
  {
    // A redrive that re-runs only the failed Parallel branch and Inline Map iteration (patched 'redrive-reruns-failed-branches').
    name: 'redrive-branches',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const counted = { 'counterDir.$': '$.counterDir', 'switchFile.$': '$.switchFile' };
      const definition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            End: true,
            Branches: [
              {
                StartAt: 'Ok',
                States: { Ok: task('flaky', { Parameters: { key: 'ok', failTimes: 0, ...counted }, End: true }) },
              },
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    MaxConcurrency: 1,
                    ItemSelector: { 'value.$': '$$.Map.Item.Value', ...counted },
                    ItemProcessor: {
                      StartAt: 'Gate',
                      States: {
                        Gate: task('gated', {
                          Parameters: { 'key.$': "States.Format('item-{}', $.value)", ...counted },
                          End: true,
                        }),
                      },
                    },
                    End: true,
                  },
                },
              },
            ],
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-redrive-branches', definition, {
        counterDir,
        switchFile,
        items: [1, 2],
      });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      return [executionArn];
    },
  },
  {
    // Roles and policies (patched 'map-run-permissions' and 'map-run-never-started'): a role that may not start the
    // children fails the Map Run before any child, the redrive after the fix starts a new Map Run, a child fails, and
    // the next redrive redrives that Map Run once states:RedriveExecution is granted.
    name: 'map-run-permissions',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const roleName = 'replay-permissions';
      const machine = 'replay-map-permissions';
      const machineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${machine}`;
      const allow = (Action: string, Resource: string) =>
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
      await sfn.putRolePolicy({ roleName, policyName: 'describe', policyDocument: allow('states:Describe*', '*') });
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            Label: 'Items',
            ItemsPath: '$.items',
            ItemSelector: { 'id.$': '$$.Map.Item.Value', 'switchFile.$': '$.switchFile' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Gate',
              States: {
                Gate: task('gated', {
                  Parameters: { 'key.$': "States.Format('item-{}', $.id)", 'switchFile.$': '$.switchFile' },
                  End: true,
                }),
              },
            },
            End: true,
          },
        },
      };
      const { stateMachineArn } = await sfn.createStateMachine({
        name: machine,
        definition: JSON.stringify(definition),
        roleArn: `arn:aws:iam::000000000000:role/${roleName}`,
      });
      const { executionArn } = await sfn.startExecution({
        stateMachineArn,
        input: JSON.stringify({ items: [1, 2], switchFile }),
      });
      await sfn.waitForExecution({ executionArn });
      await sfn.putRolePolicy({
        roleName,
        policyName: 'start',
        policyDocument: allow('states:StartExecution', machineArn),
      });
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      const children = `arn:aws:states:us-east-1:000000000000:execution:${machine}/Items:*`;
      await sfn.putRolePolicy({
        roleName,
        policyName: 'redrive',
        policyDocument: allow('states:RedriveExecution', children),
      });
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const { mapRuns } = await sfn.listMapRuns({ executionArn });
      const last = mapRuns.at(-1)!.mapRunArn;
      return [
        executionArn,
        ...mapRuns.map((m) => m.mapRunArn),
        `${last}/p0`,
        `arn:aws:iam::000000000000:role/${roleName}`,
      ];
    },
  },
];
