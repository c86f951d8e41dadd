/** Step Functions payload quota (sfn-spec §1.14): state input/output, task results and child input. */
import { StatesError, StatesErrors } from '../errors';
import { jsonByteLength, type Json } from '../json';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export function checkPayloadSize(value: Json, what: string): void {
  if (jsonByteLength(value) > MAX_PAYLOAD_BYTES) {
    throw new StatesError(
      StatesErrors.DataLimitExceeded,
      `${what} has a size exceeding the maximum number of bytes service limit (${MAX_PAYLOAD_BYTES} bytes).`,
    );
  }
}
