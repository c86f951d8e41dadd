/**
 * Log group ARNs as a loggingConfiguration names them: `arn:aws:logs:<region>:<account>:log-group:<name>:*`. The
 * name is CloudWatch Logs': 1-512 of letters, digits and `._-/#`.
 */
export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]{1,512}$/;

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):log-group:(.+):\*$/;

export interface LogGroupArn {
  region: string;
  account: string;
  logGroupName: string;
}

/** The parts of a log group ARN, or a sentence saying what is wrong with it. */
export function parseLogGroupArn(arn: string): LogGroupArn | { problem: string } {
  if (!arn.endsWith(':*')) return { problem: "a log group ARN must end in ':*'" };
  const match = LOG_GROUP_ARN.exec(arn);
  if (!match) return { problem: 'expected arn:aws:logs:<region>:<account>:log-group:<name>:*' };
  const logGroupName = match[3]!;
  if (!LOG_GROUP_NAME_PATTERN.test(logGroupName)) {
    return { problem: `'${logGroupName}' is not a log group name (1-512 of letters, digits and ._-/#)` };
  }
  return { region: match[1]!, account: match[2]!, logGroupName };
}

/** The log group name an ARN names; throws on an ARN that was not checked first. */
export function logGroupNameOf(arn: string): string {
  const parsed = parseLogGroupArn(arn);
  if ('problem' in parsed) throw new Error(`Invalid log group ARN '${arn}': ${parsed.problem}`);
  return parsed.logGroupName;
}
