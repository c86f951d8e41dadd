/**
 * A state machine's loggingConfiguration, in Step Functions' shape (sfn-spec §14.2). Node-free: the state machine
 * actor stores it with the definition, and the SDK answers it in DescribeStateMachine.
 */
export type LogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

export type LogDestination = { cloudWatchLogsLogGroup: { logGroupArn: string } };

export type LoggingConfiguration = {
  level: LogLevel;
  includeExecutionData: boolean;
  /** At most one; absent when none was given (allowed only with level OFF). */
  destinations?: LogDestination[];
};

/** What a state machine created without a loggingConfiguration (or stored before there was one) has. */
export const LOGGING_OFF: LoggingConfiguration = { level: 'OFF', includeExecutionData: false };
