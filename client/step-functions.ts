/**
 * The SDK: one method per Step Functions API action, taking and returning Step Functions' request and response
 * shapes (camelCase, Date timestamps), over a Temporal client.
 */
import { Client, type Connection } from '@temporalio/client';
import type { ArnScope } from '../asl/arn';
import { connectionSettingsOf, loadConfig, type EngineConfig } from './config';
import { connectTemporal } from './connect';
import { ExecutionClosed } from './execution-closed';
import { mayHaveEnded } from './execution-status';
import { translateServiceError, type SettingsContext } from './connection-errors';
import type { EngineContext } from './engine-context';
import { describeExecution, listEveryExecution, listExecutions, startExecution, stopExecution } from './executions';
import { getExecutionHistory } from './history';
import { Logs } from './logs';
import type { LogStore } from '../activities/logs';
import { ExpressChildRecords } from '../activities/express/child-records';
import { createStorage, type ObjectStorage } from '../activities/storage';
import { redriveExecution } from './redrive';
import { planRedrive } from './redrive-plan';
import { planRedriveMapRun, redriveMapRun } from './map-run-repair';
import type { MapRunRepairPlan, RedrivePlan } from '../messages/redrive-plan';
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
  ValidateStateMachineDefinitionOutput,
  DescribeStateMachineForExecutionOutput,
  StartSyncExecutionOutput,
} from '../messages/responses';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
} from './state-machines';
import { validateStateMachineDefinition } from './validate-definition';
import { describeStateMachineForExecution } from './state-machine-for-execution';
import { startSyncExecution } from './express-executions';

export interface StepFunctionsOptions {
  client: Client;
  taskQueue: string;
  scope: ArnScope;
  /** Redrivable period and history limit of new executions (default: Step Functions' 14 days, 24,999 events). */
  redriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number; mapRunRedriveLimit?: number };
  /** Where the client's settings came from, for errors that name them (StepFunctions.connect sets it). */
  settings?: SettingsContext;
  /** Where `logs` reads execution logs (default: the store the environment names, activities/logs). */
  logStore?: LogStore;
  /**
   * The engine's object storage, where workers keep Map Run Express children's records (default: the storage the
   * environment names, as the workers' is: TSF_S3_ENDPOINT, else the local folder).
   */
  storage?: ObjectStorage;
}

export class StepFunctions {
  private readonly ctx: EngineContext;
  private readonly settings: SettingsContext;
  private readonly logStore?: LogStore;
  private logReader?: Logs;
  /** Region and account used in the ARNs this client builds. */
  readonly scope: ArnScope;

  constructor(options: StepFunctionsOptions) {
    this.scope = options.scope;
    const { settings, logStore, storage, ...rest } = options;
    this.logStore = logStore;
    this.ctx = {
      ...rest,
      expressChildren: new ExpressChildRecords(storage ?? createStorage()),
      defaultRoleArn: roleArnOf(options.scope.account, UNRESTRICTED_ROLE_NAME),
    };
    const connection = options.client.connection as Partial<Connection>;
    this.settings = settings ?? {
      address: connection.options?.address ?? 'the Temporal server',
      namespace: options.client.options.namespace,
    };
  }

  /**
   * Connects with the environment's configuration: the Temporal profile and TEMPORAL_* variables (address,
   * namespace, TLS, API key), TSF_TASK_QUEUE, TSF_REGION, ...
   */
  static async connect(config: EngineConfig = loadConfig()): Promise<{ sfn: StepFunctions; close(): Promise<void> }> {
    const settings = connectionSettingsOf(config);
    const connection = await connectTemporal(settings);
    const client = new Client({ connection, namespace: settings.namespace });
    const sfn = new StepFunctions({
      client,
      taskQueue: config.taskQueue,
      scope: { region: config.region, account: config.account },
      redriveLimits: config.redriveLimits,
      settings,
    });
    return { sfn, close: () => connection.close() };
  }

  /** Runs one action; an unknown namespace, a missing search attribute or a refused credential is named. */
  private async call<T>(action: Promise<T>): Promise<T> {
    try {
      return await action;
    } catch (error) {
      throw translateServiceError(error, this.settings);
    }
  }

  createStateMachine(request: Requests['createStateMachine']): Promise<CreateStateMachineOutput> {
    return this.call(createStateMachine(this.ctx, request));
  }
  describeStateMachine(request: Requests['describeStateMachine']): Promise<DescribeStateMachineOutput> {
    return this.call(describeStateMachine(this.ctx, request));
  }
  updateStateMachine(request: Requests['updateStateMachine']): Promise<UpdateStateMachineOutput> {
    return this.call(updateStateMachine(this.ctx, request));
  }
  listStateMachines(request: Requests['listStateMachines'] = {}): Promise<ListStateMachinesOutput> {
    return this.call(listStateMachines(this.ctx, request));
  }
  deleteStateMachine(request: Requests['deleteStateMachine']): Promise<DeleteStateMachineOutput> {
    return this.call(deleteStateMachine(this.ctx, request));
  }
  /** Runs no workflow: the definition is checked here, as CreateStateMachine checks it. */
  validateStateMachineDefinition(
    request: Requests['validateStateMachineDefinition'],
  ): Promise<ValidateStateMachineDefinitionOutput> {
    return this.call(Promise.resolve().then(() => validateStateMachineDefinition(request)));
  }
  startExecution(request: Requests['startExecution']): Promise<StartExecutionOutput> {
    return this.call(startExecution(this.ctx, request));
  }
  describeExecution(request: Requests['describeExecution']): Promise<DescribeExecutionOutput> {
    return this.call(describeExecution(this.ctx, request));
  }
  startSyncExecution(request: Requests['startSyncExecution']): Promise<StartSyncExecutionOutput> {
    return this.call(startSyncExecution(this.ctx, request));
  }
  describeStateMachineForExecution(
    request: Requests['describeStateMachineForExecution'],
  ): Promise<DescribeStateMachineForExecutionOutput> {
    return this.call(describeStateMachineForExecution(this.ctx, request));
  }
  getExecutionHistory(request: Requests['getExecutionHistory']): Promise<GetExecutionHistoryOutput> {
    return this.call(getExecutionHistory(this.ctx, request));
  }
  redriveExecution(request: Requests['redriveExecution']): Promise<RedriveExecutionOutput> {
    return this.call(redriveExecution(this.ctx, request));
  }
  /** What RedriveExecution would do now (this engine's addition): reading it changes nothing. */
  planRedrive(request: Requests['planRedrive']): Promise<RedrivePlan> {
    return this.call(planRedrive(this.ctx, request));
  }
  /** What repairing the Map Run would run again (this engine's addition): reading it changes nothing. */
  planRedriveMapRun(request: Requests['planRedriveMapRun']): Promise<MapRunRepairPlan> {
    return this.call(planRedriveMapRun(this.ctx, request));
  }
  /**
   * Repairs a Map Run whose execution SUCCEEDED with tolerated failures (this engine's addition): re-runs its failed,
   * timed-out and aborted children under the same ARN; the execution's history and output stay as they were.
   */
  redriveMapRun(request: Requests['redriveMapRun']): Promise<RedriveExecutionOutput> {
    return this.call(redriveMapRun(this.ctx, request));
  }
  stopExecution(request: Requests['stopExecution']): Promise<StopExecutionOutput> {
    return this.call(stopExecution(this.ctx, request));
  }
  listExecutions(request: Requests['listExecutions']): Promise<ListExecutionsOutput> {
    return this.call(listExecutions(this.ctx, request));
  }
  /**
   * Not a Step Functions call: the executions of every state machine, newest first, paged like ListExecutions (whose
   * stateMachineArn or mapRunArn it does without). `tsf list-executions` with neither ARN.
   */
  listEveryExecution(
    request: Omit<Requests['listExecutions'], 'stateMachineArn' | 'mapRunArn'> = {},
  ): Promise<ListExecutionsOutput> {
    return this.call(listEveryExecution(this.ctx, request));
  }
  describeMapRun(request: Requests['describeMapRun']): Promise<DescribeMapRunOutput> {
    return this.call(describeMapRun(this.ctx, request));
  }
  listMapRuns(request: Requests['listMapRuns']): Promise<ListMapRunsOutput> {
    return this.call(listMapRuns(this.ctx, request));
  }
  updateMapRun(request: Requests['updateMapRun']): Promise<UpdateMapRunOutput> {
    return this.call(updateMapRun(this.ctx, request));
  }

  /** Execution logs, shaped like CloudWatch Logs (filterLogEvents, tail); reads the log store, not Temporal. */
  get logs(): Logs {
    return (this.logReader ??= new Logs(this.logStore));
  }

  // IAM's inline role policies, checked when a state machine with that role uses S3 or starts children.
  putRolePolicy(request: RoleRequests['putRolePolicy']): Promise<PutRolePolicyOutput> {
    return this.call(putRolePolicy(this.ctx, request));
  }
  getRolePolicy(request: RoleRequests['getRolePolicy']): Promise<GetRolePolicyOutput> {
    return this.call(getRolePolicy(this.ctx, request));
  }
  deleteRolePolicy(request: RoleRequests['deleteRolePolicy']): Promise<DeleteRolePolicyOutput> {
    return this.call(deleteRolePolicy(this.ctx, request));
  }
  listRolePolicies(request: RoleRequests['listRolePolicies']): Promise<ListRolePoliciesOutput> {
    return this.call(listRolePolicies(this.ctx, request));
  }

  /**
   * Not a Step Functions action: waits until the execution is no longer RUNNING, then describes it. A failed
   * execution's actor stays open (it can be redriven), so this watches the status, polling gently (Temporal's record
   * of it, execution-status.ts), and looks again as soon as the execution's workflow closes (execution-closed.ts).
   */
  async waitForExecution(
    request: { executionArn: string },
    options: { timeoutMs?: number } = {},
  ): Promise<DescribeExecutionOutput> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    const closed = new ExecutionClosed(this.ctx.client, request.executionArn);
    try {
      for (let delay = 50; ; delay = Math.min(delay * 1.5, 1000)) {
        if (await mayHaveEnded(this.ctx.client, request.executionArn)) {
          const described = await this.describeExecution(request);
          if (described.status !== 'RUNNING') return described;
        }
        if (Date.now() > deadline)
          throw new Error(`${request.executionArn} still RUNNING after ${options.timeoutMs} ms`);
        await closed.pause(delay);
      }
    } finally {
      closed.end();
    }
  }
}
