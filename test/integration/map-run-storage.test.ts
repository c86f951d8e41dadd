/**
 * Distributed Map with storage (local folder backend): ItemReader CSV/JSONL/JSON, MaxItems, reader errors, and
 * ResultWriter files (sfn-spec §13 behaviours 3, 7, 8).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
const storageDir = tempDir('map-run-storage');
before(async () => {
  // Buckets must exist, as in S3; objects are written under them.
  fs.mkdirSync(path.join(storageDir, 'result-bucket'), { recursive: true });
  engine = await startTestEngine({ handlers, storageDir });
});
after(() => engine?.stop());

function putObject(bucket: string, key: string, body: string): void {
  const file = path.join(storageDir, bucket, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
}

function readObject(bucket: string, key: string): string {
  return fs.readFileSync(path.join(storageDir, bucket, key), 'utf8');
}

function readerMachine(readerConfig: Record<string, unknown>, extra: Record<string, unknown> = {}, processor?: object) {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: readerConfig,
          Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Item',
          States: { Item: { Type: 'Pass', End: true } },
          ...processor,
        },
        End: true,
        ...extra,
      },
    },
  });
}

async function run(definition: string, input: unknown) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('storage'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const mapRunArn = (
    events.find((e) => e.type === 'MapRunStarted')?.mapRunStartedEventDetails as { mapRunArn?: string }
  )?.mapRunArn;
  return { described, events, mapRunArn };
}

const CSV = 'id,name\n1,ada\n2,grace\n3,alan\n4,edsger\n';

describe('CSV ItemReader and MaxItems (behaviour 7)', () => {
  before(() => putObject('items', 'people.csv', CSV));

  test('MaxItems 2 on 4 data rows gives the first 2 rows as objects with string values', async () => {
    const { described, events } = await run(
      readerMachine({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 }),
      {
        bucket: 'items',
        key: 'people.csv',
      },
    );
    assert.equal(described.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(described.output!), [
      { id: '1', name: 'ada' },
      { id: '2', name: 'grace' },
    ]);
    assert.deepEqual(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails, { length: 0 });
  });

  test('MaxItems 0 reads every row', async () => {
    const { described } = await run(readerMachine({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 0 }), {
      bucket: 'items',
      key: 'people.csv',
    });
    assert.equal(JSON.parse(described.output!).length, 4);
  });

  test('MaxItemsPath to -1 fails the Map Run with States.ItemReaderFailed', async () => {
    const { described, events } = await run(
      readerMachine({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.max' }),
      { bucket: 'items', key: 'people.csv', max: -1 },
    );
    assert.equal(described.status, 'FAILED');
    assert.equal(described.error, 'States.ItemReaderFailed');
    assert.equal(described.cause, 'field MaxItems must be positive');
    assert.deepEqual(events.map((e) => e.type).slice(2), [
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    assert.deepEqual(events.find((e) => e.type === 'MapRunFailed')?.mapRunFailedEventDetails, {
      error: 'States.ItemReaderFailed',
      cause: 'field MaxItems must be positive',
    });
  });
});

describe('reader faults fail the Map Run with States.ItemReaderFailed naming the fault (behaviour 8)', () => {
  test('duplicate CSVHeaders', async () => {
    putObject('items', 'given.csv', '1,2,3\n');
    const { described, events } = await run(
      readerMachine({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1', 'H1', 'H3'] }),
      { bucket: 'items', key: 'given.csv' },
    );
    assert.equal(described.error, 'States.ItemReaderFailed');
    assert.equal(described.cause, 'CSV headers cannot contain duplicates.');
    assert.deepEqual(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails, { length: 0 });
  });

  test('a malformed JSONL line is named by its number', async () => {
    putObject('items', 'broken.jsonl', '{"a":1}\n{"a":2}\n{"a":\n');
    const { described } = await run(readerMachine({ InputType: 'JSONL' }), { bucket: 'items', key: 'broken.jsonl' });
    assert.equal(described.error, 'States.ItemReaderFailed');
    assert.match(described.cause ?? '', /line 3/);
  });

  test('a ResultWriter bucket that does not exist fails the Map Run with States.ResultWriterFailed', async () => {
    const definition = JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'no-such-bucket', Prefix: 'x' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Item',
            States: { Item: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const { described } = await run(definition, [1, 2]);
    assert.equal(described.status, 'FAILED');
    assert.equal(described.error, 'States.ResultWriterFailed');
    assert.match(described.cause ?? '', /no-such-bucket/);
  });

  test('a missing object', async () => {
    const { described } = await run(readerMachine({ InputType: 'JSON' }), { bucket: 'items', key: 'nope.json' });
    assert.equal(described.error, 'States.ItemReaderFailed');
    assert.match(described.cause ?? '', /nope\.json/);
  });
});

describe('ResultWriter (behaviour 3)', () => {
  const definition = (processor?: object, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          Label: 'TestMap',
          MaxConcurrency: 1,
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'result-bucket', Prefix: 'mapJobs' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Item',
            States: { Item: { Type: 'Pass', End: true } },
            ...processor,
          },
          End: true,
          ...extra,
        },
      },
    });

  test('output is {MapRunArn, ResultWriterDetails} and the manifest lists one SUCCEEDED_0.json', async () => {
    const { described, mapRunArn } = await run(definition(), ['Hello', 'World']);
    assert.equal(described.status, 'SUCCEEDED');
    const mapRunId = mapRunArn!.split(':').at(-1)!;
    assert.deepEqual(JSON.parse(described.output!), {
      MapRunArn: mapRunArn,
      ResultWriterDetails: { Bucket: 'result-bucket', Key: `mapJobs/${mapRunId}/manifest.json` },
    });
    const manifest = JSON.parse(readObject('result-bucket', `mapJobs/${mapRunId}/manifest.json`));
    assert.equal(manifest.DestinationBucket, 'result-bucket');
    assert.equal(manifest.MapRunArn, mapRunArn);
    assert.deepEqual(manifest.ResultFiles.FAILED, []);
    assert.deepEqual(manifest.ResultFiles.PENDING, []);
    assert.equal(manifest.ResultFiles.SUCCEEDED.length, 1);
    assert.equal(manifest.ResultFiles.SUCCEEDED[0].Key, `mapJobs/${mapRunId}/SUCCEEDED_0.json`);
    const records = JSON.parse(readObject('result-bucket', `mapJobs/${mapRunId}/SUCCEEDED_0.json`));
    assert.equal(
      manifest.ResultFiles.SUCCEEDED[0].Size,
      Buffer.byteLength(readObject('result-bucket', `mapJobs/${mapRunId}/SUCCEEDED_0.json`)),
    );
    assert.deepEqual(records.map((r: { Output: string }) => JSON.parse(r.Output)).sort(), ['Hello', 'World']);
    assert.deepEqual(Object.keys(records[0]), [...Object.keys(records[0])].sort());
    assert.equal(records[0].Status, 'SUCCEEDED');
    assert.match(records[0].ExecutionArn, /:execution:.+\/TestMap:/);
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn: mapRunArn! });
    assert.equal(mapRun.itemCounts.resultsWritten, 2);
    assert.equal(mapRun.executionCounts.resultsWritten, 2);
  });

  test('a failed child is written to FAILED_0.json with its error and cause', async () => {
    const failing = {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Boom' }], Default: 'Ok' },
        Boom: { Type: 'Fail', Error: 'BadItem', Cause: 'bad item' },
        Ok: { Type: 'Pass', End: true },
      },
    };
    const { described, mapRunArn } = await run(definition(failing, { ToleratedFailureCount: 1 }), [
      'good',
      'bad',
      'fine',
    ]);
    assert.equal(described.status, 'SUCCEEDED');
    const mapRunId = mapRunArn!.split(':').at(-1)!;
    const failed = JSON.parse(readObject('result-bucket', `mapJobs/${mapRunId}/FAILED_0.json`));
    assert.equal(failed.length, 1);
    assert.equal(failed[0].Status, 'FAILED');
    assert.equal(failed[0].Error, 'BadItem');
    assert.equal(failed[0].Cause, 'bad item');
    assert.equal(failed[0].Input, '"bad"');
    assert.equal(failed[0].RedriveStatus, 'REDRIVABLE_BY_MAP_RUN');
    assert.equal(JSON.parse(readObject('result-bucket', `mapJobs/${mapRunId}/SUCCEEDED_0.json`)).length, 2);
  });
});
