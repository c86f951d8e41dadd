/**
 * For test/cluster: the kill and restart controls of the cluster `npm run test:cluster` started (its runner serves
 * them on loopback, scripts/cluster/control.ts), a Map Run whose items count their handler calls
 * (test/fixtures/work-handler.ts), and its progress to time a crash by.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StepFunctions } from '../../client';
import { pollUntil } from './poll';

/** The handler module of workMap, for `tsf worker --handlers` (or import it for an in-process worker). */
export const WORK_HANDLERS = 'test/fixtures/work-handler.ts';

function controlUrl(): string {
  const url = process.env.TSF_CLUSTER_CONTROL;
  if (!url) throw new Error('TSF_CLUSTER_CONTROL is not set: run the cluster tests with `npm run test:cluster`.');
  return url;
}

async function call(method: 'GET' | 'POST', route: string): Promise<unknown> {
  const response = await fetch(`${controlUrl()}${route}`, { method });
  const body = (await response.json()) as { ok?: boolean; error?: string };
  if (!response.ok) throw new Error(`cluster control ${route}: ${body.error ?? response.status}`);
  return body;
}

export const clusterControl = {
  /** SIGKILL, as a crash would; resolves once the process has exited. */
  kill: (name: 'history' | 'matching' | 'frontend' | 'worker' | 'postgres') => call('POST', `/kill/${name}`),
  /** A new process of the service (after a kill). */
  restart: (service: 'history' | 'matching' | 'frontend' | 'worker') => call('POST', `/restart/${service}`),
  /** PostgreSQL's fast shutdown and a new postgres on the same data; resolves once it accepts connections. */
  restartPostgres: () => call('POST', '/restart-postgres'),
  pids: () => call('GET', '/pids') as Promise<Record<string, number>>,
};

/** The Map Run of an execution, once it exists. */
export function mapRunOf(sfn: StepFunctions, executionArn: string): Promise<string> {
  return pollUntil(async () => {
    const { mapRuns } = await sfn.listMapRuns({ executionArn });
    return mapRuns[0]?.mapRunArn;
  }, 'the Map Run');
}

/** Resolves once at least `count` items of the Map Run have succeeded. */
export function succeededAtLeast(sfn: StepFunctions, mapRunArn: string, count: number, timeoutMs = 300_000) {
  return pollUntil(
    async () => {
      const { itemCounts } = await sfn.describeMapRun({ mapRunArn });
      return itemCounts.succeeded >= count ? itemCounts : undefined;
    },
    `${count} items of ${mapRunArn} to succeed`,
    timeoutMs,
    250,
  );
}

export interface WorkMapOptions {
  maxConcurrency: number;
  /** Where the handler counts each item's calls (callsOf). */
  dir: string;
  /** How long each call takes. */
  seconds: number;
  /** Items `{"n": i}` as JSON lines in a bucket, else `$.items` of the input. */
  itemReader?: { bucket: string; key: string };
  resultWriter?: { bucket: string; prefix: string };
}

/** A Distributed Map whose Standard child runs the `work` handler once per item `{n}`. */
export function workMap(options: WorkMapOptions): string {
  const reader = options.itemReader && {
    Resource: 'arn:aws:states:::s3:getObject',
    ReaderConfig: { InputType: 'JSONL' },
    Parameters: { Bucket: options.itemReader.bucket, Key: options.itemReader.key },
  };
  const writer = options.resultWriter && {
    Resource: 'arn:aws:states:::s3:putObject',
    Parameters: { Bucket: options.resultWriter.bucket, Prefix: options.resultWriter.prefix },
  };
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        MaxConcurrency: options.maxConcurrency,
        ...(reader ? { ItemReader: reader } : { ItemsPath: '$.items' }),
        ItemSelector: { 'n.$': '$$.Map.Item.Value.n', dir: options.dir, seconds: options.seconds },
        ...(writer ? { ResultWriter: writer } : {}),
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:work', End: true },
          },
        },
        End: true,
      },
    },
  });
}

/** The pids of the handler calls of items 0 .. count - 1 (one array per item), as the handler recorded them. */
export function callsOf(dir: string, count: number): number[][] {
  return Array.from({ length: count }, (_, n) => {
    const file = path.join(dir, String(n));
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map(Number) : [];
  });
}
