/**
 * The seed story's state machine and role, for the tests that drive it through AWS's own tools: a Distributed Map
 * over three items with Standard children running the `gated` handler, item-1's gate closed at first (so the Map
 * Run fails), and a role that may run the Map Run but not redrive its children until `redrivePolicy` is put.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './fixtures';

const ACCOUNT = '000000000000';

export function roleArnOf(roleName: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
}

/** What the role needs to run the Distributed Map (the Distributed Map IAM example). */
export function runPolicy(machine: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['states:StartExecution'],
        Resource: [`arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${machine}`],
      },
      {
        Effect: 'Allow',
        Action: ['states:DescribeExecution', 'states:StopExecution'],
        Resource: `arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}:*`,
      },
    ],
  });
}

/** The least-privilege policy of "Redriving Map Runs": redrive the Map Run's (labelled) children. */
export function redrivePolicy(machine: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['states:RedriveExecution'],
        Resource: `arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}/Items:*`,
      },
    ],
  });
}

export function storyDefinition(): string {
  return JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        Label: 'Items',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:gated`,
              Parameters: { 'key.$': '$.id', 'switchFile.$': '$.switchFile', 'counterDir.$': '$.counterDir' },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
}

/** The execution input (item-1's gate closed) and how to open the gate: the handler's fix. */
export function storyInput(prefix: string): { input: string; openGate(): void; counterDir: string } {
  const dir = tempDir(prefix);
  const on = path.join(dir, 'on');
  const later = path.join(dir, 'later');
  fs.writeFileSync(on, 'on');
  const counterDir = path.join(dir, 'calls');
  const items = [0, 1, 2].map((n) => ({ id: `item-${n}`, switchFile: n === 1 ? later : on, counterDir }));
  return { input: JSON.stringify({ items }), openGate: () => fs.writeFileSync(later, 'fixed'), counterDir };
}

export const PERMISSION_CAUSE = (roleName: string, machine: string) =>
  `User: ${roleArnOf(roleName)} is not authorized to perform: states:RedriveExecution on ` +
  `resource: arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}/Items:* ` +
  'because no identity-based policy allows the states:RedriveExecution action';
