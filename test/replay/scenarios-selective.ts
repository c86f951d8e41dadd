/**
 * Replay scenarios of issue #16: a Distributed Map inside a Parallel redriven (patched 'nested-map-run-redrive':
 * recorded before it started a new Map Run, after it redrives the old one), a selective redrive by error name, and a
 * Map Run repaired after its execution succeeded.
 */
import { writeFileSync } from 'node:fs';
import type { StepFunctions } from '../../client';
import type { ReplayScenario } from './scenarios';

const failsAs = {
  Type: 'Task',
  Resource: 'arn:aws:lambda:us-east-1:000000000000:function:failsAs',
  Parameters: { 'key.$': '$.item.key', 'error.$': '$.item.error', 'switchFile.$': '$.switchFile' },
  End: true,
};

function distributed(extra: Record<string, unknown>, switchFile: string) {
  return {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemSelector: { 'item.$': '$$.Map.Item.Value', switchFile },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'Call',
      States: { Call: failsAs },
    },
    End: true,
    ...extra,
  };
}

const items = (errors: Array<string | null>) => errors.map((error, i) => ({ key: `item-${i}`, error }));

async function run(sfn: StepFunctions, name: string, definition: unknown, input: unknown) {
  const { stateMachineArn } = await sfn.createStateMachine({ name, definition: JSON.stringify(definition) });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  await sfn.waitForExecution({ executionArn });
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  return { executionArn, mapRunArn };
}

export const selectiveScenarios: ReplayScenario[] = [
  {
    name: 'nested-map-run-redrive',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            End: true,
            Branches: [{ StartAt: 'Dist', States: { Dist: distributed({}, switchFile) } }],
          },
        },
      };
      const input = { items: items([null, 'Broken']) };
      const { executionArn, mapRunArn } = await run(sfn, 'replay-nested-map-run', definition, input);
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      return [executionArn, mapRunArn];
    },
  },
  {
    name: 'selective-redrive',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = { StartAt: 'Dist', States: { Dist: distributed({ ToleratedFailureCount: 1 }, switchFile) } };
      const input = { items: items([null, 'Throttled', 'Throttled', 'BadData']) };
      const { executionArn, mapRunArn } = await run(sfn, 'replay-selective-redrive', definition, input);
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn, mapRunChildren: { errors: ['Throttled'] } });
      await sfn.waitForExecution({ executionArn });
      return [executionArn, mapRunArn];
    },
  },
  {
    name: 'map-run-repair',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = { StartAt: 'Dist', States: { Dist: distributed({ ToleratedFailureCount: 1 }, switchFile) } };
      const input = { items: items([null, 'Broken']) };
      const { mapRunArn } = await run(sfn, 'replay-map-run-repair', definition, input);
      writeFileSync(switchFile, 'on');
      await sfn.redriveMapRun({ mapRunArn });
      const deadline = Date.now() + 60_000;
      while ((await sfn.describeMapRun({ mapRunArn })).status === 'RUNNING' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1500));
      return [mapRunArn];
    },
  },
];
