/**
 * Where an Express execution's log records are: the log group of its state machine's loggingConfiguration. A Map
 * Run's Express child (`express:<machine>/<label>:<name>:<id>`) logs with its parent machine's, the `<machine>`
 * before the slash.
 */
import { parseArn, stateMachineArn } from '../../asl/arn';
import { parseLogGroupArn } from '../../activities/logs';
import { InvalidArn, type StepFunctions } from '../../client';
import type { ExpressLogging } from '../../messages/express-executions-from-logs';

/** The state machine whose loggingConfiguration an Express execution logged with. */
export function loggingMachineOf(executionArn: string): string {
  const arn = parseArn(executionArn);
  if (arn?.kind !== 'express') throw new InvalidArn(`Invalid Arn: '${executionArn}' is not an Express execution ARN`);
  return stateMachineArn(arn, arn.stateMachineName);
}

/** The machine's loggingConfiguration and the log group its records go to (none when OFF or without one). */
export async function expressLoggingOf(sfn: StepFunctions, stateMachineArn: string): Promise<ExpressLogging> {
  const { loggingConfiguration } = await sfn.describeStateMachine({ stateMachineArn });
  const logGroupArn = loggingConfiguration.destinations?.[0]?.cloudWatchLogsLogGroup.logGroupArn;
  const parsed = logGroupArn === undefined ? undefined : parseLogGroupArn(logGroupArn);
  if (loggingConfiguration.level === 'OFF' || parsed === undefined || 'problem' in parsed) {
    return { loggingConfiguration };
  }
  return { loggingConfiguration, logGroupName: parsed.logGroupName };
}
