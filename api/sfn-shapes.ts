/**
 * The request shapes of the Step Functions actions we serve, with the constraints of AWS's service model
 * (stepfunctions 2016-11-23): required members, lengths, ranges and enums. A member the model has and the engine
 * does not use (tags, tracingConfiguration, traceHeader, includedData, ...) is accepted and ignored, as the README's
 * "what differs from AWS" says; the SDK checks what it uses once more (loggingConfiguration's rules, e.g. the `:*` of
 * a log group ARN, are the SDK's: InvalidLoggingConfiguration).
 */
import { z } from 'zod';

const arn = z.string().min(1).max(256);
/** Map Run ARNs are LongArn in the model. */
const longArn = z.string().min(1).max(2000);
const name = z.string().min(1).max(80);
const definition = z
  .string()
  .min(1)
  .max(1024 * 1024);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().min(1).max(3072).optional();
/** The model's LoggingConfiguration: its members' types, enum and lengths. */
const loggingConfiguration = z
  .object({
    level: z.enum(['ALL', 'ERROR', 'FATAL', 'OFF']).optional(),
    includeExecutionData: z.boolean().optional(),
    destinations: z
      .array(z.object({ cloudWatchLogsLogGroup: z.object({ logGroupArn: arn.optional() }).optional() }))
      .optional(),
  })
  .optional();
const executionStatus = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

const startExecution = z.object({
  stateMachineArn: arn,
  name: name.optional(),
  input: z
    .string()
    .max(256 * 1024)
    .optional(),
});

export const sfnShapes = {
  CreateStateMachine: z.object({
    name,
    definition,
    roleArn: arn,
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    loggingConfiguration,
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  UpdateStateMachine: z.object({
    stateMachineArn: arn,
    definition: definition.optional(),
    roleArn: arn.optional(),
    loggingConfiguration,
  }),
  DeleteStateMachine: z.object({ stateMachineArn: arn }),
  ListStateMachines: z.object({ maxResults, nextToken }),
  ValidateStateMachineDefinition: z.object({
    definition,
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    severity: z.enum(['ERROR', 'WARNING']).optional(),
    maxResults: z.number().int().min(0).max(100).optional(),
  }),
  StartExecution: startExecution,
  StartSyncExecution: startExecution.extend({
    includedData: z.enum(['ALL_DATA', 'METADATA_ONLY']).optional(),
    traceHeader: z.string().optional(),
  }),
  DescribeExecution: z.object({ executionArn: arn }),
  DescribeStateMachineForExecution: z.object({ executionArn: arn, includedData: z.string().optional() }),
  GetExecutionHistory: z.object({
    executionArn: arn,
    maxResults,
    nextToken,
    reverseOrder: z.boolean().optional(),
    includeExecutionData: z.boolean().optional(),
  }),
  StopExecution: z.object({
    executionArn: arn,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  RedriveExecution: z.object({
    executionArn: arn,
    clientToken: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[!-~]+$/)
      .optional(),
  }),
  ListExecutions: z.object({
    stateMachineArn: arn.optional(),
    mapRunArn: longArn.optional(),
    statusFilter: executionStatus.optional(),
    redriveFilter: z.enum(['REDRIVEN', 'NOT_REDRIVEN']).optional(),
    maxResults,
    nextToken,
  }),
  DescribeMapRun: z.object({ mapRunArn: longArn }),
  ListMapRuns: z.object({ executionArn: arn, maxResults, nextToken }),
  UpdateMapRun: z.object({
    mapRunArn: longArn,
    maxConcurrency: z.number().int().min(0).optional(),
    toleratedFailurePercentage: z.number().min(0).max(100).optional(),
    toleratedFailureCount: z.number().int().min(0).optional(),
  }),
};

export type SfnAction = keyof typeof sfnShapes;
export type SfnRequest<A extends SfnAction> = z.output<(typeof sfnShapes)[A]>;
