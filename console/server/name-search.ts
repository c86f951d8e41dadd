/**
 * Search by name for the executions list. ListExecutions has no name filter, so this pages through it (newest
 * first, 1,000 at a time) and keeps the names that contain the text, case-insensitively. Its own page token
 * counts the matches already returned and names the search it belongs to.
 */
import { InvalidToken, type Requests, type StepFunctions } from '../../client';

type ListRequest = Omit<Requests['listExecutions'], 'maxResults' | 'nextToken'>;
type ListedExecution = Awaited<ReturnType<StepFunctions['listExecutions']>>['executions'][number];

function encode(skip: number, scope: string): string {
  return Buffer.from(JSON.stringify({ skip, scope })).toString('base64url');
}

function decode(token: string | undefined, scope: string): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { skip?: unknown; scope?: unknown };
    if (typeof parsed.skip === 'number' && Number.isInteger(parsed.skip) && parsed.skip >= 0 && parsed.scope === scope)
      return parsed.skip;
  } catch {
    // reported below
  }
  throw new InvalidToken(`Invalid Token: '${token}'`);
}

export async function searchExecutionsByName(
  sfn: StepFunctions,
  request: ListRequest,
  name: string,
  pageSize: number,
  nextToken: string | undefined,
): Promise<{ executions: ListedExecution[]; nextToken?: string }> {
  const scope = JSON.stringify({ ...request, name });
  const skip = decode(nextToken, scope);
  const needle = name.toLowerCase();
  const executions: ListedExecution[] = [];
  let seen = 0;
  let more = false;
  let sdkToken: string | undefined;
  do {
    const page = await sfn.listExecutions({ ...request, maxResults: 1000, nextToken: sdkToken });
    for (const execution of page.executions) {
      if (!execution.name.toLowerCase().includes(needle) || seen++ < skip) continue;
      if (executions.length === pageSize) {
        more = true;
        break;
      }
      executions.push(execution);
    }
    sdkToken = page.nextToken;
  } while (sdkToken !== undefined && !more);
  return { executions, ...(more ? { nextToken: encode(skip + pageSize, scope) } : {}) };
}
