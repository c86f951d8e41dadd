/**
 * The console's JSON API: one route per SDK call the pages need, answers in the SDK's response shapes (dates as
 * ISO strings), and Express executions read from their logs. ARNs travel URL-encoded in the path.
 */
import { Hono, type Context } from 'hono';
import { ValidationException, type Requests, type StepFunctions } from '../../client';
import { errorResponse } from './errors';
import { describeExpressExecution, listExpressExecutions } from './express-executions-from-logs';
import { searchExecutionsByName } from './name-search';

function optionalInt(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new ValidationException(`Query parameter '${name}' must be an integer, got '${raw}'`);
  return n;
}

function optional(c: Context, name: string): string | undefined {
  const value = c.req.query(name);
  return value === undefined || value === '' ? undefined : value;
}

type StatusFilter = Requests['listExecutions']['statusFilter'];
type RedriveFilter = Requests['listExecutions']['redriveFilter'];

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ValidationException('The request body must be a JSON object');
}

export function apiRoutes(sfn: StepFunctions): Hono {
  const api = new Hono();
  api.onError((error) => errorResponse(error));
  api.notFound((c) => c.json({ name: 'NotFound', message: `No API route ${c.req.method} ${c.req.path}` }, 404));

  api.get('/state-machines', async (c) =>
    c.json(
      await sfn.listStateMachines({ maxResults: optionalInt(c, 'maxResults'), nextToken: optional(c, 'nextToken') }),
    ),
  );
  api.get('/state-machines/:arn', async (c) =>
    c.json(await sfn.describeStateMachine({ stateMachineArn: c.req.param('arn') })),
  );

  // Express executions, read from their execution logs (Step Functions keeps no list or history of them).
  api.get('/state-machines/:arn/express-executions', async (c) =>
    c.json(
      await listExpressExecutions(sfn, c.req.param('arn'), {
        startTime: optionalInt(c, 'startTime'),
        endTime: optionalInt(c, 'endTime'),
      }),
    ),
  );
  api.get('/express-executions/:arn', async (c) => c.json(await describeExpressExecution(sfn, c.req.param('arn'))));

  api.get('/executions', async (c) => {
    const request = {
      stateMachineArn: optional(c, 'stateMachineArn'),
      mapRunArn: optional(c, 'mapRunArn'),
      // The SDK checks the values and names the field of a bad one.
      statusFilter: optional(c, 'status') as StatusFilter,
      redriveFilter: optional(c, 'redriveFilter') as RedriveFilter,
    };
    const maxResults = optionalInt(c, 'maxResults');
    const nextToken = optional(c, 'nextToken');
    const name = optional(c, 'name');
    if (name !== undefined) {
      if (maxResults !== undefined && (maxResults < 0 || maxResults > 1000)) {
        throw new ValidationException(`Query parameter 'maxResults' must be between 0 and 1000, got ${maxResults}`);
      }
      return c.json(await searchExecutionsByName(sfn, request, name, maxResults || 100, nextToken));
    }
    return c.json(await sfn.listExecutions({ ...request, maxResults, nextToken }));
  });
  api.get('/executions/:arn', async (c) => c.json(await sfn.describeExecution({ executionArn: c.req.param('arn') })));
  api.get('/executions/:arn/history', async (c) =>
    c.json(
      await sfn.getExecutionHistory({
        executionArn: c.req.param('arn'),
        maxResults: optionalInt(c, 'maxResults'),
        nextToken: optional(c, 'nextToken'),
        reverseOrder: c.req.query('reverseOrder') === 'true',
      }),
    ),
  );
  api.get('/executions/:arn/map-runs', async (c) =>
    c.json(
      await sfn.listMapRuns({
        executionArn: c.req.param('arn'),
        maxResults: optionalInt(c, 'maxResults'),
        nextToken: optional(c, 'nextToken'),
      }),
    ),
  );
  api.post('/executions/:arn/redrive', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await sfn.redriveExecution({ executionArn: c.req.param('arn'), clientToken: body.clientToken as string }),
    );
  });
  // Read-only: what a redrive would run again (issue #16), shown in the console's confirm step.
  api.get('/executions/:arn/redrive-plan', async (c) =>
    c.json(await sfn.planRedrive({ executionArn: c.req.param('arn') })),
  );
  api.post('/executions/:arn/stop', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await sfn.stopExecution({
        executionArn: c.req.param('arn'),
        error: body.error as string | undefined,
        cause: body.cause as string | undefined,
      }),
    );
  });

  api.get('/map-runs/:arn', async (c) => c.json(await sfn.describeMapRun({ mapRunArn: c.req.param('arn') })));
  api.get('/map-runs/:arn/executions', async (c) =>
    c.json(
      await sfn.listExecutions({
        mapRunArn: c.req.param('arn'),
        statusFilter: optional(c, 'status') as StatusFilter,
        maxResults: optionalInt(c, 'maxResults'),
        nextToken: optional(c, 'nextToken'),
      }),
    ),
  );
  // Repair of a Map Run whose parent succeeded with tolerated failures: its plan (read-only), then the redrive.
  api.get('/map-runs/:arn/repair-plan', async (c) =>
    c.json(await sfn.planRedriveMapRun({ mapRunArn: c.req.param('arn') })),
  );
  api.post('/map-runs/:arn/redrive', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await sfn.redriveMapRun({ mapRunArn: c.req.param('arn'), clientToken: body.clientToken as string | undefined }),
    );
  });
  return api;
}
