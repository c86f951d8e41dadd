/**
 * Reads a closed run's redrive state (events, last entered state) for the next run of the same execution: a Map
 * Run child redriven by its Map Run continues its own history under the same ARN.
 */
import { Context } from '@temporalio/activity';
import { executionRedriveStateQuery, type ExecutionRedriveState } from '../messages/execution';

export async function loadExecutionRedriveState(input: {
  workflowId: string;
  runId: string;
}): Promise<ExecutionRedriveState> {
  return Context.current().client.workflow.getHandle(input.workflowId, input.runId).query(executionRedriveStateQuery);
}
