import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder for call counters and similar files that handlers write. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tsf-${prefix}-`));
}

export const REGION_ACCOUNT = 'us-east-1:000000000000';
export const stateMachineArnOf = (name: string) => `arn:aws:states:${REGION_ACCOUNT}:stateMachine:${name}`;
