/**
 * Activities of the Map Run and its partitions: read items in pages, write result parts and the manifest, run
 * Express children. Reader and writer faults become non-retryable ApplicationFailures named as Step Functions
 * names them (States.ItemReaderFailed, States.ResultWriterFailed); anything else is retried by Temporal.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { isStatesError } from '../../asl/errors';
import type { AccessRequest } from '../../iam/evaluate';
import type { ResolvedReader } from '../../asl/interpreter/host';
import type { Json } from '../../asl/json';
import type { MapRunConfig } from '../../workflows/map-run/config';
import type { ChildResultRecord } from '../../workflows/map-run/result-record';
import type { HandlerRegistry } from '../handler-registry';
import type { LogDelivery } from '../logs/log-delivery';
import type { ExpressChildRecordWriter } from '../express/child-records';
import { createRunExpressChild, createRunExpressChildren } from '../express/run-express-child';
import { readPage, scanItems } from '../item-reader';
import type { ItemPage, ScanLimits } from '../item-reader/types';
import { finalizeResults, readManifest, writeResultPart } from '../result-writer';
import { mapRunRedriveStateQuery, type MapRunRedriveState } from '../../messages/map-run';
import type { ObjectStorage } from '../storage';
import { authorizerFor, firstDenial, rolePolicies, type Denial } from '../permissions/check';
import { itemReaderFailed } from '../item-reader/errors';
import { earlierReadOf, itemsReadBefore, withoutEarlierRead } from './items-read-before';
import { withEarlierReads } from './redrive-pages';
import { toItemReader } from './reader-request';

export function createMapRunActivities(
  storage: ObjectStorage,
  handlers: HandlerRegistry,
  expressTimeLimitMs?: number,
  /** Where Express children write their execution logs (none: they write nothing). */
  executionLogs?: LogDelivery,
  /** Where Express children's records go (child-records.ts); none: they leave none. */
  expressChildRecords?: ExpressChildRecordWriter,
) {
  const expressSinks = { logs: executionLogs, records: expressChildRecords };
  return {
    /** With `roleArn`, every object the scan reads (and a listed bucket) is first checked against its policies. */
    async scanItemPages(reader: ResolvedReader & { maxItems?: number }, limits: ScanLimits, roleArn?: string) {
      // A large file scans for minutes: progress keeps the activity's heartbeat alive.
      const onProgress = () => Context.current().heartbeat();
      const allowed = roleArn ? await authorizerFor(Context.current().client, roleArn) : undefined;
      const authorize = (request: AccessRequest) => {
        const denial = allowed?.(request);
        if (denial) throw itemReaderFailed(denial.message);
      };
      return asStatesFailure('States.ItemReaderFailed', () =>
        scanItems(storage, toItemReader(reader), limits, { onProgress, authorize }),
      );
    },

    /** A page a redrive re-runs comes from the earlier read of it when that can be found (items-read-before.ts). */
    async readItemPage(reader: ResolvedReader & { maxItems?: number }, page: Json): Promise<Json[]> {
      const itemPage = page as unknown as ItemPage;
      const before = earlierReadOf(itemPage.cursor);
      if (before) {
        const items = await itemsReadBefore(Context.current().client, before, itemPage.index);
        if (items && items.length === itemPage.itemCount) return items;
      }
      const fresh = { ...itemPage, cursor: withoutEarlierRead(itemPage.cursor) };
      return asStatesFailure('States.ItemReaderFailed', () => readPage(storage, toItemReader(reader), fresh));
    },

    /** The first of `requests` the role may not make, with IAM's wording; null when all are allowed. */
    async checkPermissions(roleArn: string, requests: AccessRequest[]): Promise<Denial | null> {
      const policies = await rolePolicies(Context.current().client, roleArn);
      return firstDenial(roleArn, policies, requests) ?? null;
    },

    async writeResultPart(config: MapRunConfig, part: { name: string; records: ChildResultRecord[] }): Promise<void> {
      await asStatesFailure('States.ResultWriterFailed', () => writeResultPart(storage, target(config), part));
    },

    /** After a redrive the manifest keeps the earlier attempts' successes and lists this attempt's failures. */
    async finalizeResults(config: MapRunConfig, redriveCount = 0): Promise<{ manifestKey: string }> {
      const writer = config.resultWriter!;
      const result = await asStatesFailure('States.ResultWriterFailed', async () => {
        const previous = redriveCount > 0 ? await readManifest(storage, target(config)) : undefined;
        return finalizeResults(
          storage,
          target(config),
          { outputType: writer.outputType, transformation: writer.transformation },
          previous ? { previous } : {},
        );
      });
      return { manifestKey: result.manifestKey };
    },

    /**
     * The last run's redrive state of a Map Run, read by the parent before it redrives it. A Map Run still winding
     * down after its parent was stopped is waited for first (sfn-spec §3.6: the redrive proceeds after it).
     */
    async loadMapRunRedriveState(mapRunArn: string): Promise<MapRunRedriveState> {
      const context = Context.current();
      const handle = context.client.workflow.getHandle(mapRunArn);
      while ((await handle.describe()).status.name === 'RUNNING') {
        context.heartbeat();
        await context.sleep(500);
      }
      const state = await handle.query(mapRunRedriveStateQuery);
      return { ...state, pages: await withEarlierReads(context.client, mapRunArn, state) };
    },

    runExpressChild: createRunExpressChild(handlers, expressTimeLimitMs, expressSinks),
    runExpressChildren: createRunExpressChildren(handlers, expressTimeLimitMs, expressSinks),
  };
}

function target(config: MapRunConfig) {
  return {
    bucket: config.resultWriter?.bucket ?? '',
    prefix: config.resultWriter?.prefix ?? '',
    mapRunId: config.mapRunId,
    mapRunArn: config.mapRunArn,
  };
}

/** Data faults are final (no Temporal retry); storage outages and crashes are retried by the activity's policy. */
async function asStatesFailure<T>(fallbackName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isStatesError(error)) {
      throw ApplicationFailure.create({
        type: error.error || fallbackName,
        message: error.cause ?? '',
        nonRetryable: true,
      });
    }
    throw error;
  }
}
