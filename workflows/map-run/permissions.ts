/**
 * What a Map Run's role must be allowed before it starts children (sfn-spec §3.7), and the Step Functions error a
 * refusal fails the Map Run with. The item reads are checked by the scan itself (one check per object it reads).
 */
import { s3ObjectArn } from '../../iam/roles';
import type { MapRunConfig } from './config';

export interface MapRunAccessRequest {
  action: string;
  resource: string;
}

export function startRequests(
  config: MapRunConfig,
  { children, redrive }: { children: boolean; redrive: boolean },
): MapRunAccessRequest[] {
  const requests: MapRunAccessRequest[] = [];
  const writer = config.resultWriter;
  if (writer?.bucket) {
    const prefix = (writer.prefix ?? '').replace(/\/+$/, '');
    requests.push({ action: 's3:PutObject', resource: s3ObjectArn(writer.bucket, prefix ? `${prefix}/*` : '*') });
  }
  if (children) requests.push({ action: 'states:StartExecution', resource: config.stateMachineArn });
  // Standard children are redriven with the parent's role (the redrive documentation's least-privilege policy).
  if (children && redrive && config.executionType === 'STANDARD') {
    const { region, account } = config.scope;
    requests.push({
      action: 'states:RedriveExecution',
      resource: `arn:aws:states:${region}:${account}:execution:${config.stateMachineName}/${config.label}:*`,
    });
  }
  return requests;
}

/** A refused write fails the Map Run as a writer fault; refused starts and redrives as a permissions fault. */
export function errorForDenied(action: string): string {
  return action.startsWith('s3:') ? 'States.ResultWriterFailed' : 'States.Permissions';
}
