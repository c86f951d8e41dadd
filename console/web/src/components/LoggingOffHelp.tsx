/**
 * What to do when a state machine's Express executions cannot be read: they are known only from their execution
 * logs, and its logging is OFF (or names no log group). The command turns it on for the executions started after.
 */
import type { StateMachine } from '../types';

/** `tsf update-state-machine` giving the machine a log group of its own name, at level ALL with the data. */
export function turnOnLoggingCommand(stateMachineArn: string): string {
  const [, , , region = 'us-east-1', account = '000000000000', , name = 'machine'] = stateMachineArn.split(':');
  const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:/aws/vendedlogs/states/${name}-Logs:*`;
  const configuration = {
    level: 'ALL',
    includeExecutionData: true,
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }],
  };
  return `tsf update-state-machine --state-machine-arn ${stateMachineArn} \\\n  --logging-configuration '${JSON.stringify(configuration)}'`;
}

export function LoggingOffHelp({
  stateMachineArn,
  logging,
}: {
  stateMachineArn: string;
  logging?: StateMachine['loggingConfiguration'];
}) {
  const why =
    logging === undefined || logging.level === 'OFF'
      ? "this state machine's logging is OFF"
      : "this state machine's logging configuration names no log group";
  return (
    <div className="banner banner-info logging-off" data-testid="logging-off">
      <p>
        Express executions are shown from their execution logs, and {why}: Step Functions keeps no other record of them.
        Turn logging on; executions started after that are listed here.
      </p>
      <pre>{turnOnLoggingCommand(stateMachineArn)}</pre>
      <p className="muted">
        A role with policies must also allow the log delivery actions (<code>logs:CreateLogDelivery</code> and the
        others docs/logging.md lists). Level <code>ERROR</code> or <code>FATAL</code> logs only failures;{' '}
        <code>includeExecutionData: false</code> leaves input and output out.
      </p>
    </div>
  );
}
