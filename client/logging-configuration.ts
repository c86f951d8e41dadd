/**
 * loggingConfiguration of CreateStateMachine and UpdateStateMachine (sfn-spec §14.2): checked with zod, a bad one
 * refused with InvalidLoggingConfiguration naming the field; and, when logging is on, the role's permission to
 * deliver logs, refused as Step Functions refuses it (AccessDeniedException, "The state machine IAM Role is not
 * authorized to access the Log Destination").
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { firstDenial, rolePolicies } from '../activities/permissions/check';
import { parseLogGroupArn } from '../activities/logs/log-group-arn';
import { LOGGING_OFF, type LoggingConfiguration, type LogLevel } from '../messages/logging';
import { AccessDeniedException, InvalidLoggingConfiguration } from './errors';

/** What the role must be allowed, on `*`, for Step Functions to deliver its logs (sfn-spec §14.2). */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;

const schema = z
  .strictObject({
    level: z.enum(['ALL', 'ERROR', 'FATAL', 'OFF']).optional(),
    includeExecutionData: z.boolean().optional(),
    destinations: z
      .array(z.strictObject({ cloudWatchLogsLogGroup: z.strictObject({ logGroupArn: z.string().min(1).max(256) }) }))
      .max(1, 'at most one destination may be given')
      .optional(),
  })
  .superRefine((config, ctx) => {
    config.destinations?.forEach((destination, index) => {
      const parsed = parseLogGroupArn(destination.cloudWatchLogsLogGroup.logGroupArn);
      if ('problem' in parsed) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', index, 'cloudWatchLogsLogGroup', 'logGroupArn'],
          message: parsed.problem,
        });
      }
    });
    const level = config.level ?? 'OFF';
    if (level !== 'OFF' && (config.destinations?.length ?? 0) === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['destinations'],
        message: `a log group destination is required when level is ${level}`,
      });
    }
  });

/** loggingConfiguration as a request gives it: every member optional, as in Step Functions' model. */
export type LoggingConfigurationInput = {
  level?: LogLevel;
  includeExecutionData?: boolean;
  destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: string } }[];
};

/** The request's loggingConfiguration, checked, with its defaults filled in (level OFF, includeExecutionData false). */
export function checkLoggingConfiguration(input: unknown): LoggingConfiguration {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = ['loggingConfiguration', ...issue.path.map(String)].join('.');
    throw new InvalidLoggingConfiguration(`Invalid Logging Configuration: ${field}: ${issue.message}`);
  }
  const { level = 'OFF', includeExecutionData = false, destinations } = result.data;
  return { level, includeExecutionData, ...(destinations && destinations.length > 0 ? { destinations } : {}) };
}

/** A stored state machine's configuration; one stored before loggingConfiguration existed logs nothing. */
export function loggingConfigurationOf(stored: { loggingConfiguration?: LoggingConfiguration }): LoggingConfiguration {
  return stored.loggingConfiguration ?? LOGGING_OFF;
}

/** Two configurations that log the same way to the same place (CreateStateMachine's idempotency compares them). */
export function sameLogging(a: LoggingConfiguration, b: LoggingConfiguration): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Refuses a configuration that logs (level not OFF) when the role may not deliver logs. */
export async function checkLogDeliveryAllowed(
  client: Client,
  roleArn: string,
  config: LoggingConfiguration,
): Promise<void> {
  if (config.level === 'OFF') return;
  const policies = await rolePolicies(client, roleArn);
  const requests = LOG_DELIVERY_ACTIONS.map((action) => ({ action, resource: '*' }));
  const denial = firstDenial(roleArn, policies, requests);
  if (denial) {
    throw new AccessDeniedException(
      `The state machine IAM Role is not authorized to access the Log Destination. ${denial.message}`,
    );
  }
}
