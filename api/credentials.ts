/**
 * The API's credentials: an AWS-style credentials file (`[name]` sections with `aws_access_key_id` and
 * `aws_secret_access_key`), named by TSF_API_CREDENTIALS_FILE. Read with the AWS SDK's own INI loader, so it takes
 * exactly what `~/.aws/credentials` takes. The answer maps each access key id to its secret.
 */
import fs from 'node:fs';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export type ApiCredentials = ReadonlyMap<string, string>;

export const CREDENTIALS_FILE_VARIABLE = 'TSF_API_CREDENTIALS_FILE';

export async function loadApiCredentials(file: string): Promise<ApiCredentials> {
  // The loader answers {} for a file it cannot read: say which file, and why, instead.
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw new Error(`${CREDENTIALS_FILE_VARIABLE}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  const { credentialsFile } = await loadSharedConfigFiles({
    filepath: file,
    configFilepath: `${file}.no-config-file`,
    ignoreCache: true,
  });
  const keys = new Map<string, string>();
  for (const [profile, entries] of Object.entries(credentialsFile)) {
    const id = entries.aws_access_key_id;
    const secret = entries.aws_secret_access_key;
    if (id === undefined && secret === undefined) continue;
    if (!id || !secret) {
      throw new Error(`${file}: [${profile}] needs both aws_access_key_id and aws_secret_access_key`);
    }
    keys.set(id, secret);
  }
  if (keys.size === 0) throw new Error(`${file} holds no aws_access_key_id with its aws_secret_access_key`);
  return keys;
}
