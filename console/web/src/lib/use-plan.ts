/**
 * A plan read for a confirm step: read afresh each time the step opens (what a redrive would run again changes as
 * children end and executions are redriven), dropped when it closes, so an old plan is never shown for a new click.
 */
import { useEffect, useState } from 'react';
import { describeError, type ShownError } from '../api';

export interface PlanRead<T> {
  plan?: T;
  error?: ShownError;
  /** Open, and neither a plan nor an error yet (true from the first render after opening). */
  loading: boolean;
}

export function usePlan<T>(open: boolean, key: string, read: () => Promise<T>): PlanRead<T> {
  const [answer, setAnswer] = useState<{ plan?: T; error?: ShownError }>({});
  useEffect(() => {
    setAnswer({});
    if (!open) return;
    let stale = false;
    read().then(
      (plan) => !stale && setAnswer({ plan }),
      (error: unknown) => !stale && setAnswer({ error: describeError(error) }),
    );
    return () => {
      stale = true;
    };
    // `read` is a new closure each render: `key` names what it reads.
  }, [open, key]);
  return { ...answer, loading: open && answer.plan === undefined && answer.error === undefined };
}
