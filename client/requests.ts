/**
 * Request shapes of the Step Functions API actions the SDK offers, as zod schemas: a bad request is refused with
 * ValidationException naming the field, before anything reaches Temporal.
 */
import { z } from 'zod';
import { ValidationException } from './errors';
import type { LoggingConfigurationInput } from './logging-configuration';

const arn = z.string().min(1).max(2048);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().min(1).max(1024).optional();
/** Checked by checkLoggingConfiguration, which refuses a bad one with InvalidLoggingConfiguration (not ValidationException). */
const loggingConfiguration = z.custom<LoggingConfigurationInput>().optional();

const clientToken = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[!-~]+$/, 'clientToken must be printable ASCII without spaces');
const itemIndex = z.number().int().min(0);
/** Which Map Run children a redrive runs again (messages/redrive-plan.ts): this engine's addition, not AWS's. */
const mapRunChildSelection = z
  .object({
    errors: z.array(z.string().min(1).max(256)).min(1).optional(),
    items: z
      .array(
        z.union([
          itemIndex,
          z.tuple([itemIndex, itemIndex]).refine(([from, to]) => from <= to, 'a range [from, to] needs from <= to'),
        ]),
      )
      .min(1)
      .optional(),
  })
  .strict()
  .refine((s) => s.errors !== undefined || s.items !== undefined, 'give errors, items or both');

export const ExecutionStatusFilter = z.enum([
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
]);

const startExecution = z.object({
  stateMachineArn: arn,
  name: z.string().min(1).max(80).optional(),
  input: z
    .string()
    .max(256 * 1024)
    .optional(),
});

export const requests = {
  createStateMachine: z.object({
    name: z.string().min(1).max(80),
    definition: z
      .string()
      .min(1)
      .max(1024 * 1024),
    roleArn: arn.optional(),
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    loggingConfiguration,
  }),
  describeStateMachine: z.object({ stateMachineArn: arn }),
  updateStateMachine: z.object({
    stateMachineArn: arn,
    definition: z
      .string()
      .min(1)
      .max(1024 * 1024)
      .optional(),
    roleArn: arn.optional(),
    loggingConfiguration,
  }),
  listStateMachines: z.object({ maxResults, nextToken }),
  deleteStateMachine: z.object({ stateMachineArn: arn }),
  startExecution,
  startSyncExecution: startExecution.extend({ includedData: z.enum(['ALL_DATA', 'METADATA_ONLY']).optional() }),
  describeExecution: z.object({ executionArn: arn }),
  describeStateMachineForExecution: z.object({ executionArn: arn }),
  getExecutionHistory: z.object({
    executionArn: arn,
    maxResults,
    nextToken,
    reverseOrder: z.boolean().optional(),
    includeExecutionData: z.boolean().optional(),
  }),
  stopExecution: z.object({
    executionArn: arn,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  redriveExecution: z.object({
    executionArn: z.string().min(1).max(256),
    clientToken: clientToken.optional(),
    mapRunChildren: mapRunChildSelection.optional(),
  }),
  planRedrive: z.object({ executionArn: arn, mapRunChildren: mapRunChildSelection.optional() }),
  planRedriveMapRun: z.object({ mapRunArn: arn, mapRunChildren: mapRunChildSelection.optional() }),
  redriveMapRun: z.object({
    mapRunArn: arn,
    clientToken: clientToken.optional(),
    mapRunChildren: mapRunChildSelection.optional(),
  }),
  listExecutions: z.object({
    stateMachineArn: arn.optional(),
    mapRunArn: arn.optional(),
    statusFilter: ExecutionStatusFilter.optional(),
    redriveFilter: z.enum(['REDRIVEN', 'NOT_REDRIVEN']).optional(),
    maxResults,
    nextToken,
  }),
  validateStateMachineDefinition: z.object({
    definition: z
      .string()
      .min(1)
      .max(1024 * 1024),
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    severity: z.enum(['ERROR', 'WARNING']).optional(),
    maxResults: z.number().int().min(0).max(100).optional(),
  }),
  describeMapRun: z.object({ mapRunArn: arn }),
  listMapRuns: z.object({ executionArn: arn, maxResults, nextToken }),
  updateMapRun: z.object({
    mapRunArn: arn,
    maxConcurrency: z.number().int().min(0).optional(),
    toleratedFailurePercentage: z.number().min(0).max(100).optional(),
    toleratedFailureCount: z.number().int().min(0).optional(),
  }),
};

export type Requests = { [K in keyof typeof requests]: z.input<(typeof requests)[K]> };

/** Parses a request, turning the first problem into a ValidationException that names the field. */
export function parseRequest<K extends keyof typeof requests>(
  action: K,
  request: unknown,
): z.output<(typeof requests)[K]> {
  const result = requests[action].safeParse(request ?? {});
  if (result.success) return result.data as z.output<(typeof requests)[K]>;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw new ValidationException(
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue?.message}`,
  );
}
