/**
 * Step Functions ARNs (sfn-spec §2.1). Region and account are configurable (TSF_REGION / TSF_ACCOUNT);
 * the defaults are those of a local emulator.
 */
export interface ArnScope {
  region: string;
  account: string;
}

export const DEFAULT_SCOPE: ArnScope = { region: 'us-east-1', account: '000000000000' };

/** Names of state machines and executions: 1..80 characters, no whitespace, brackets, wildcards or control chars. */
// eslint-disable-next-line no-control-regex -- control characters are what names may not contain
export const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:stateMachine:${name}`;
}

export function executionArn(scope: ArnScope, stateMachineName: string, executionName: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:execution:${stateMachineName}:${executionName}`;
}

export type ParsedArn =
  | { kind: 'stateMachine'; region: string; account: string; stateMachineName: string; label?: string }
  | { kind: 'execution'; region: string; account: string; stateMachineName: string; label?: string; name: string }
  | { kind: 'express'; region: string; account: string; stateMachineName: string; label?: string; name: string }
  | { kind: 'mapRun'; region: string; account: string; stateMachineName: string; label: string; mapRunId: string };

const ARN_PATTERN = /^arn:aws:states:([a-z0-9-]+):(\d{12}):(stateMachine|execution|express|mapRun):(.+)$/;

/** Parses a Step Functions ARN; returns undefined when it is not one (callers raise InvalidArn). */
export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, region = '', account = '', kind, rest = ''] = match;
  const [machinePart = '', ...tail] = rest.split(':');
  const [stateMachineName = '', label] = machinePart.split('/');
  if (!stateMachineName) return undefined;
  switch (kind) {
    case 'stateMachine':
      return tail.length === 0 ? { kind, region, account, stateMachineName, label } : undefined;
    case 'execution':
    case 'express':
      return tail.length >= 1 && tail[0]
        ? { kind, region, account, stateMachineName, label, name: tail.join(':') }
        : undefined;
    case 'mapRun':
      return label && tail.length === 1 && tail[0]
        ? { kind, region, account, stateMachineName, label, mapRunId: tail[0] }
        : undefined;
  }
  return undefined;
}

/** `mapRun:<machine>/<label>:<mapRunId>` (sfn-spec §2.1). */
export function mapRunArn(scope: ArnScope, stateMachineName: string, label: string, mapRunId: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:mapRun:${stateMachineName}/${label}:${mapRunId}`;
}

/** The Map Run id, the last part of `mapRun:<machine>/<label>:<mapRunId>`. */
export function mapRunIdOf(mapRunArn: string): string {
  return mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
}

/** The labelled state machine ARN Map Run children report as their stateMachineArn. */
export function labelledStateMachineArn(scope: ArnScope, stateMachineName: string, label: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:stateMachine:${stateMachineName}/${label}`;
}

/**
 * What a Standard Map Run child's ARN (`execution:<machine>/<label>:<name>`) says of it: its name, region and the
 * labelled state machine it reports. Undefined for any other ARN.
 */
export function standardChildOfArn(
  executionArn: string,
): { name: string; region: string; stateMachineName: string; stateMachineArn: string } | undefined {
  const arn = parseArn(executionArn);
  if (arn?.kind !== 'execution' || arn.label === undefined) return undefined;
  return {
    name: arn.name,
    region: arn.region,
    stateMachineName: `${arn.stateMachineName}/${arn.label}`,
    stateMachineArn: labelledStateMachineArn(arn, arn.stateMachineName, arn.label),
  };
}

/** An execution of an EXPRESS state machine: `express:<machine>:<name>:<id>` (sfn-spec §14.1). */
export function expressExecutionArn(scope: ArnScope, stateMachineName: string, name: string, id: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:express:${stateMachineName}:${name}:${id}`;
}

/**
 * A Map Run child: `execution:<machine>/<label>:<name>` (Standard) or `express:<machine>/<label>:<name>:<id>`
 * (Express), where the id is the Map Run's: an Express child's ARN tells which Map Run keeps its record.
 */
export function childExecutionArn(
  scope: ArnScope,
  stateMachineName: string,
  label: string,
  name: string,
  executionType: 'STANDARD' | 'EXPRESS',
  mapRunId: string,
): string {
  const base = `arn:aws:states:${scope.region}:${scope.account}`;
  return executionType === 'STANDARD'
    ? `${base}:execution:${stateMachineName}/${label}:${name}`
    : `${base}:express:${stateMachineName}/${label}:${name}:${mapRunId}`;
}

/**
 * What an Express Map Run child's ARN (`express:<machine>/<label>:<name>:<mapRunId>`) says of it: its name, its
 * Map Run and the labelled state machine it reports. Undefined for any other ARN (an Express execution of an
 * EXPRESS state machine has no label).
 */
export function expressChildOfArn(
  executionArn: string,
): { name: string; mapRunArn: string; stateMachineArn: string } | undefined {
  const arn = parseArn(executionArn);
  if (arn?.kind !== 'express' || arn.label === undefined) return undefined;
  const [name, mapRunId, ...rest] = arn.name.split(':');
  if (!name || !mapRunId || rest.length > 0) return undefined;
  return {
    name,
    mapRunArn: mapRunArn(arn, arn.stateMachineName, arn.label, mapRunId),
    stateMachineArn: labelledStateMachineArn(arn, arn.stateMachineName, arn.label),
  };
}
