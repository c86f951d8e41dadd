/**
 * The environment of a user of the AWS CLI or boto3 with dummy keys and no AWS configuration of their own: the
 * tests run the machine's real `aws` against `tsf api`, and nothing of the developer's AWS setup may leak in.
 */
import fs from 'node:fs';
import path from 'node:path';

export function awsCliEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const empty = path.join(home, 'empty');
  fs.writeFileSync(empty, '');
  return {
    ...env,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDDUMMY',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
  };
}
