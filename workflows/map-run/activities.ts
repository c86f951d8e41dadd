/**
 * Activity stubs the Map Run, its partitions and its Standard children call. Reader and writer faults come back as non-retryable
 * ApplicationFailures typed States.ItemReaderFailed / States.ResultWriterFailed; anything else is retried.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { EngineActivities } from '../../activities';

export function mapRunActivities() {
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: '30m',
    heartbeatTimeout: '60s',
    retry: { maximumAttempts: 5, initialInterval: '1s', backoffCoefficient: 2 },
  });
}

/** What `runExpressChild` takes with everything spelled out (an Express execution's), and what it answers. */
export type ExpressRequest = Extract<Parameters<EngineActivities['runExpressChild']>[0], { definition: unknown }>;
export type ExpressOutcome = Awaited<ReturnType<EngineActivities['runExpressChild']>>;

/** Express children run whole inside one activity; their own 5-minute limit is enforced inside it. */
export function expressActivities() {
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: '330s',
    heartbeatTimeout: '20s',
    // At-least-once, like Step Functions Express: an attempt lost with its worker runs again.
    retry: { maximumAttempts: 3, initialInterval: '1s', backoffCoefficient: 2 },
  });
}

/** A Standard child a Map Run redrive continues reads its previous run with this (see execution-redrive.ts). */
export function mapRunChildActivities() {
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: '1m',
    retry: { maximumAttempts: 5 },
  });
}
