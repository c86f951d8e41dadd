/**
 * Each Step Functions action the API serves, as one call of the SDK: the HTTP layer adds the wire protocol and
 * nothing else, so an action answers over HTTP exactly what `StepFunctions` answers in process.
 */
import type { StepFunctions } from '../client/step-functions';
import type { SfnAction, SfnRequest } from './sfn-shapes';

type Call<A extends SfnAction> = (sfn: StepFunctions, request: SfnRequest<A>) => Promise<unknown>;

export const sfnActions: { [A in SfnAction]: Call<A> } = {
  CreateStateMachine: (sfn, request) => sfn.createStateMachine(request),
  DescribeStateMachine: (sfn, request) => sfn.describeStateMachine(request),
  UpdateStateMachine: (sfn, request) => sfn.updateStateMachine(request),
  DeleteStateMachine: (sfn, request) => sfn.deleteStateMachine(request),
  ListStateMachines: (sfn, request) => sfn.listStateMachines(request),
  ValidateStateMachineDefinition: (sfn, request) => sfn.validateStateMachineDefinition(request),
  StartExecution: (sfn, request) => sfn.startExecution(request),
  StartSyncExecution: (sfn, { stateMachineArn, name, input, includedData }) =>
    sfn.startSyncExecution({ stateMachineArn, name, input, includedData }),
  DescribeExecution: (sfn, request) => sfn.describeExecution(request),
  DescribeStateMachineForExecution: (sfn, { executionArn }) => sfn.describeStateMachineForExecution({ executionArn }),
  GetExecutionHistory: (sfn, request) => sfn.getExecutionHistory(request),
  StopExecution: (sfn, request) => sfn.stopExecution(request),
  RedriveExecution: (sfn, request) => sfn.redriveExecution(request),
  ListExecutions: (sfn, request) => sfn.listExecutions(request),
  DescribeMapRun: (sfn, request) => sfn.describeMapRun(request),
  ListMapRuns: (sfn, request) => sfn.listMapRuns(request),
  UpdateMapRun: (sfn, request) => sfn.updateMapRun(request),
};

export function isSfnAction(action: string): action is SfnAction {
  return Object.hasOwn(sfnActions, action);
}
