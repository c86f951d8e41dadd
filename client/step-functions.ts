/**
 * The SDK: one method per Step Functions API action, taking and returning Step Functions' request and response
 * shapes (camelCase, Date timestamps), over a Temporal client.
 */
import { Client, Connection } from '@temporalio/client';
import type { ArnScope } from '../asl/arn';
import { loadConfig, type EngineConfig } from './config';
import type { EngineContext } from './engine-context';
import { describeExecution, listExecutions, startExecution, stopExecution } from './executions';
import { getExecutionHistory } from './history';
import { redriveExecution } from './redrive';
import { describeMapRun, listMapRuns, updateMapRun } from './map-runs';
import type { Requests } from './requests';
import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy, type RoleRequests } from './roles';
import { roleArnOf, UNRESTRICTED_ROLE_NAME } from '../iam/roles';
import type {
  CreateStateMachineOutput,
  DeleteRolePolicyOutput,
  DeleteStateMachineOutput,
  DescribeExecutionOutput,
  DescribeMapRunOutput,
  DescribeStateMachineOutput,
  GetExecutionHistoryOutput,
  GetRolePolicyOutput,
  ListExecutionsOutput,
  ListMapRunsOutput,
  ListRolePoliciesOutput,
  ListStateMachinesOutput,
  PutRolePolicyOutput,
  RedriveExecutionOutput,
  StartExecutionOutput,
  StopExecutionOutput,
  UpdateMapRunOutput,
  UpdateStateMachineOutput,
} from '../messages/responses';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
} from './state-machines';

export interface StepFunctionsOptions {
  client: Client;
  taskQueue: string;
  scope: ArnScope;
  /** Redrivable period and history limit of new executions (default: Step Functions' 14 days, 24,999 events). */
  redriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number; mapRunRedriveLimit?: number };
}

export class StepFunctions {
  private readonly ctx: EngineContext;
  /** Region and account used in the ARNs this client builds. */
  readonly scope: ArnScope;

  constructor(options: StepFunctionsOptions) {
    this.scope = options.scope;
    this.ctx = {
      ...options,
      defaultRoleArn: roleArnOf(options.scope.account, UNRESTRICTED_ROLE_NAME),
    };
  }

  /** Connects with the environment's configuration (TEMPORAL_ADDRESS, TSF_TASK_QUEUE, TSF_REGION, ...). */
  static async connect(config: EngineConfig = loadConfig()): Promise<{ sfn: StepFunctions; close(): Promise<void> }> {
    const connection = await Connection.connect({ address: config.address });
    const client = new Client({ connection, namespace: config.namespace });
    const sfn = new StepFunctions({
      client,
      taskQueue: config.taskQueue,
      scope: { region: config.region, account: config.account },
      redriveLimits: config.redriveLimits,
    });
    return { sfn, close: () => connection.close() };
  }

  createStateMachine(request: Requests['createStateMachine']): Promise<CreateStateMachineOutput> {
    return createStateMachine(this.ctx, request);
  }
  describeStateMachine(request: Requests['describeStateMachine']): Promise<DescribeStateMachineOutput> {
    return describeStateMachine(this.ctx, request);
  }
  updateStateMachine(request: Requests['updateStateMachine']): Promise<UpdateStateMachineOutput> {
    return updateStateMachine(this.ctx, request);
  }
  listStateMachines(request: Requests['listStateMachines'] = {}): Promise<ListStateMachinesOutput> {
    return listStateMachines(this.ctx, request);
  }
  deleteStateMachine(request: Requests['deleteStateMachine']): Promise<DeleteStateMachineOutput> {
    return deleteStateMachine(this.ctx, request);
  }
  startExecution(request: Requests['startExecution']): Promise<StartExecutionOutput> {
    return startExecution(this.ctx, request);
  }
  describeExecution(request: Requests['describeExecution']): Promise<DescribeExecutionOutput> {
    return describeExecution(this.ctx, request);
  }
  getExecutionHistory(request: Requests['getExecutionHistory']): Promise<GetExecutionHistoryOutput> {
    return getExecutionHistory(this.ctx, request);
  }
  redriveExecution(request: Requests['redriveExecution']): Promise<RedriveExecutionOutput> {
    return redriveExecution(this.ctx, request);
  }
  stopExecution(request: Requests['stopExecution']): Promise<StopExecutionOutput> {
    return stopExecution(this.ctx, request);
  }
  listExecutions(request: Requests['listExecutions']): Promise<ListExecutionsOutput> {
    return listExecutions(this.ctx, request);
  }
  describeMapRun(request: Requests['describeMapRun']): Promise<DescribeMapRunOutput> {
    return describeMapRun(this.ctx, request);
  }
  listMapRuns(request: Requests['listMapRuns']): Promise<ListMapRunsOutput> {
    return listMapRuns(this.ctx, request);
  }
  updateMapRun(request: Requests['updateMapRun']): Promise<UpdateMapRunOutput> {
    return updateMapRun(this.ctx, request);
  }

  // IAM's inline role policies, checked when a state machine with that role uses S3 or starts children.
  putRolePolicy(request: RoleRequests['putRolePolicy']): Promise<PutRolePolicyOutput> {
    return putRolePolicy(this.ctx, request);
  }
  getRolePolicy(request: RoleRequests['getRolePolicy']): Promise<GetRolePolicyOutput> {
    return getRolePolicy(this.ctx, request);
  }
  deleteRolePolicy(request: RoleRequests['deleteRolePolicy']): Promise<DeleteRolePolicyOutput> {
    return deleteRolePolicy(this.ctx, request);
  }
  listRolePolicies(request: RoleRequests['listRolePolicies']): Promise<ListRolePoliciesOutput> {
    return listRolePolicies(this.ctx, request);
  }

  /**
   * Not a Step Functions action: waits until the execution is no longer RUNNING, then describes it. A failed
   * execution's actor stays open (it can be redriven), so this watches the status, polling gently.
   */
  async waitForExecution(
    request: { executionArn: string },
    options: { timeoutMs?: number } = {},
  ): Promise<DescribeExecutionOutput> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (let delay = 50; ; delay = Math.min(delay * 1.5, 1000)) {
      const described = await this.describeExecution(request);
      if (described.status !== 'RUNNING') return described;
      if (Date.now() > deadline) throw new Error(`${request.executionArn} still RUNNING after ${options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
