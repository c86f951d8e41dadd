/**
 * `tsf list-executions` with neither --state-machine-arn nor --map-run-arn: the executions of every state machine,
 * newest first. Step Functions' ListExecutions requires one of the two (the SDK keeps that rule, as the AWS API
 * does); the CLI answers the question a user asks first, "what ran?", by asking ListExecutions once per state
 * machine that ListStateMachines returns. Map Run children are listed with --map-run-arn, as in Step Functions.
 */
import type { StepFunctions } from '../client/step-functions';
import type { Requests } from '../client/requests';
import type { ExecutionListItem, ListExecutionsOutput } from '../messages/responses';

type Filters = Pick<Requests['listExecutions'], 'statusFilter' | 'redriveFilter' | 'maxResults'>;

async function stateMachineArns(sfn: StepFunctions): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.listStateMachines({ nextToken });
    arns.push(...page.stateMachines.map((machine) => machine.stateMachineArn));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

async function executionsOf(sfn: StepFunctions, stateMachineArn: string, filters: Filters) {
  const executions: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.listExecutions({
      stateMachineArn,
      statusFilter: filters.statusFilter,
      redriveFilter: filters.redriveFilter,
      maxResults: filters.maxResults,
      nextToken,
    });
    executions.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken !== undefined && (filters.maxResults === undefined || executions.length < filters.maxResults));
  return executions;
}

/** Every state machine's executions, newest first; at most maxResults of them when it is given. */
export async function listAllExecutions(sfn: StepFunctions, filters: Filters): Promise<ListExecutionsOutput> {
  const all: ExecutionListItem[] = [];
  for (const arn of await stateMachineArns(sfn)) all.push(...(await executionsOf(sfn, arn, filters)));
  all.sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  return { executions: filters.maxResults === undefined ? all : all.slice(0, filters.maxResults) };
}
