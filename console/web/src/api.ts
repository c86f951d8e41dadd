/**
 * The console API client. Every failure becomes an ApiError carrying the SDK's error name and message; POSTs
 * carry the CSRF token the server put into this page's HTML.
 */
import type {
  Execution,
  ExecutionList,
  ExpressExecutionDetails,
  ExpressExecutionList,
  HistoryPage,
  MapRun,
  MapRunList,
  MapRunRedriven,
  MapRunRepairPlan,
  RedrivePlan,
  Redriven,
  StateMachine,
  StateMachineList,
  Stopped,
} from './types';

export class ApiError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="tsf-csrf"]')?.content ?? '';

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const arn = (value: string) => encodeURIComponent(value);

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`api/${path}`, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/json', 'x-tsf-csrf': csrfToken } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError('NetworkError', `The console server did not answer: ${(error as Error).message}`, 0);
  }
  const data = (await response.json().catch(() => undefined)) as { name?: string; message?: string } | undefined;
  if (!response.ok) {
    throw new ApiError(data?.name ?? `HTTP ${response.status}`, data?.message ?? response.statusText, response.status);
  }
  return data as T;
}

export interface ListExecutionsParams {
  stateMachineArn?: string;
  status?: string;
  redriveFilter?: string;
  name?: string;
  maxResults?: number;
  nextToken?: string;
}

export const api = {
  stateMachines: (nextToken?: string, maxResults = 50) =>
    call<StateMachineList>('GET', `state-machines${query({ nextToken, maxResults })}`),
  stateMachine: (stateMachineArn: string) => call<StateMachine>('GET', `state-machines/${arn(stateMachineArn)}`),
  executions: (params: ListExecutionsParams) => call<ExecutionList>('GET', `executions${query({ ...params })}`),
  execution: (executionArn: string) => call<Execution>('GET', `executions/${arn(executionArn)}`),
  history: (executionArn: string, params: { nextToken?: string; maxResults?: number; reverseOrder?: boolean }) =>
    call<HistoryPage>('GET', `executions/${arn(executionArn)}/history${query(params)}`),
  mapRunsOf: (executionArn: string, nextToken?: string) =>
    call<MapRunList>('GET', `executions/${arn(executionArn)}/map-runs${query({ nextToken, maxResults: 100 })}`),
  mapRun: (mapRunArn: string) => call<MapRun>('GET', `map-runs/${arn(mapRunArn)}`),
  mapRunChildren: (mapRunArn: string, params: { status?: string; nextToken?: string; maxResults?: number }) =>
    call<ExecutionList>('GET', `map-runs/${arn(mapRunArn)}/executions${query(params)}`),
  expressExecutions: (stateMachineArn: string, range: { startTime?: number; endTime?: number }) =>
    call<ExpressExecutionList>('GET', `state-machines/${arn(stateMachineArn)}/express-executions${query(range)}`),
  expressExecution: (executionArn: string) =>
    call<ExpressExecutionDetails>('GET', `express-executions/${arn(executionArn)}`),
  redrive: (executionArn: string) => call<Redriven>('POST', `executions/${arn(executionArn)}/redrive`, {}),
  redrivePlan: (executionArn: string) => call<RedrivePlan>('GET', `executions/${arn(executionArn)}/redrive-plan`),
  repairPlan: (mapRunArn: string) => call<MapRunRepairPlan>('GET', `map-runs/${arn(mapRunArn)}/repair-plan`),
  redriveMapRun: (mapRunArn: string) => call<MapRunRedriven>('POST', `map-runs/${arn(mapRunArn)}/redrive`, {}),
  stop: (executionArn: string, body: { error?: string; cause?: string }) =>
    call<Stopped>('POST', `executions/${arn(executionArn)}/stop`, body),
};

/** An error as the console shows it: `Name: message`. */
export type ShownError = { name: string; message: string };

export function describeError(error: unknown): ShownError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
