/** Child records and readers shared by the result-writer suites. */
import type { Json } from '../../asl/json';
import type { ChildResultRecord, ChildStatus } from '../../activities/result-writer';
import { readText, type StorageBackend } from './storage-backends';

export const MAP_RUN_ID = '3c39a231-69bb-3d89-8607-9e124eddbb0b';
export const MAP_RUN_ARN = `arn:aws:states:us-east-1:000000000000:mapRun:sm/TestMap:${MAP_RUN_ID}`;

/** A record as the Map Run builds it, deliberately with keys out of order. */
export function record(n: number, status: ChildStatus, output?: Json): ChildResultRecord {
  const done = status !== 'PENDING';
  return {
    Status: status,
    StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm/TestMap',
    Name: `child-${n}`,
    ExecutionArn: `arn:aws:states:us-east-1:000000000000:execution:sm/TestMap:child-${n}`,
    Input: JSON.stringify({ n }),
    InputDetails: { Included: true },
    RedriveCount: 0,
    RedriveStatus: status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN',
    ...(done ? { StartDate: '2025-02-04T01:49:50.099Z', StopDate: '2025-02-04T01:49:51.000Z' } : {}),
    ...(status === 'SUCCEEDED' ? { Output: JSON.stringify(output ?? { n }), OutputDetails: { Included: true } } : {}),
    ...(done && status !== 'SUCCEEDED' ? { Error: 'States.TaskFailed', Cause: `boom ${n}` } : {}),
  } as ChildResultRecord;
}

export async function readJson(backend: StorageBackend, bucket: string, key: string): Promise<unknown> {
  return JSON.parse(await readText(await backend.storage.getObject(bucket, key)));
}

export async function keysOf(backend: StorageBackend, bucket: string): Promise<string[]> {
  return (await backend.storage.listObjects(bucket, undefined)).objects.map((o) => o.key);
}
