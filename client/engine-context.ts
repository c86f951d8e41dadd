import type { Client } from '@temporalio/client';
import type { ExpressChildRecords } from '../activities/express/child-records';
import type { ArnScope } from '../asl/arn';

/** What every SDK operation needs: a Temporal client, the task queue and the ARN scope. */
export interface EngineContext {
  client: Client;
  taskQueue: string;
  scope: ArnScope;
  /** Role ARN recorded for state machines created without one (such machines may do everything). */
  defaultRoleArn: string;
  redriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number; mapRunRedriveLimit?: number };
  /** Where the workers keep Map Run Express children's records (the engine's object storage). */
  expressChildren: ExpressChildRecords;
}
