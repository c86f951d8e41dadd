/**
 * Hash routes (`#/executions/<arn>`), so the server serves one page and links survive a reload. DOM-free (the unit
 * tests load it); use-route.ts follows the browser's hash.
 */

export type Route =
  | { page: 'stateMachines' }
  | { page: 'stateMachine'; arn: string }
  | { page: 'execution'; arn: string }
  | { page: 'expressExecution'; arn: string }
  | { page: 'mapRun'; arn: string }
  | { page: 'notFound'; path: string };

type ArnPage = 'stateMachine' | 'execution' | 'expressExecution' | 'mapRun';

const PAGES: Record<string, ArnPage> = {
  'state-machines': 'stateMachine',
  executions: 'execution',
  'express-executions': 'expressExecution',
  'map-runs': 'mapRun',
};
const SEGMENT: Record<ArnPage, string> = {
  stateMachine: 'state-machines',
  execution: 'executions',
  expressExecution: 'express-executions',
  mapRun: 'map-runs',
};

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/state-machines') return { page: 'stateMachines' };
  const match = /^\/([a-z-]+)\/(.+)$/.exec(path);
  const page = match ? PAGES[match[1]!] : undefined;
  if (!match || !page) return { page: 'notFound', path };
  try {
    return { page, arn: decodeURIComponent(match[2]!) };
  } catch {
    return { page: 'notFound', path };
  }
}

export function href(page: ArnPage, arn: string): string {
  return `#/${SEGMENT[page]}/${encodeURIComponent(arn)}`;
}

/** An execution's details: an Express one's (`:express:` ARN) are read from its logs, on their own page. */
export function executionHref(executionArn: string): string {
  return href(executionArn.includes(':express:') ? 'expressExecution' : 'execution', executionArn);
}
