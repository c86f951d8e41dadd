/**
 * The redrive confirm step's "what will run again" (issue #13): the state the redrive re-enters, and for each Map
 * Run that did not succeed, how many children run again and how many are kept as they are, from its last counts.
 * Succeeded states and children are not run again.
 */
import type { StateOutcome } from '../lib/state-outcomes';
import type { MapRunRow } from './MapRunsTable';

/** Children a redrive of this Map Run runs again: all but the successes and those that may not be redriven. */
export function childrenToRerun(row: MapRunRow): number | undefined {
  const counts = row.detail?.executionCounts;
  if (!counts) return undefined;
  return counts.total - counts.succeeded - counts.failuresNotRedrivable;
}

export function RedrivePlan({
  name,
  outcomes,
  mapRuns,
}: {
  name: string;
  outcomes: ReadonlyMap<string, StateOutcome> | undefined;
  mapRuns: readonly MapRunRow[];
}) {
  const reentered = [...(outcomes ?? new Map<string, StateOutcome>())]
    .filter(([, outcome]) => outcome === 'failed' || outcome === 'aborted')
    .map(([state]) => state);
  const unfinished = mapRuns.filter((row) => row.detail && row.detail.status !== 'SUCCEEDED');
  return (
    <div data-testid="redrive-plan">
      <p>
        Redrive <strong>{name}</strong> from the state that failed
        {reentered.length > 0 && (
          <>
            {' '}
            (<span data-testid="redrive-states">{reentered.join(', ')}</span>)
          </>
        )}
        ? States that succeeded are not run again.
      </p>
      {unfinished.length > 0 && (
        <ul>
          {unfinished.map((row) => {
            const counts = row.detail!.executionCounts;
            return (
              <li key={row.mapRunArn} data-testid="redrive-map-run">
                Map Run <strong>{row.mapRunArn.split(':').at(-2)?.split('/').at(-1)}</strong>:{' '}
                <span data-testid="rerun-children">{childrenToRerun(row)}</span> children run again ({counts.failed}{' '}
                failed, {counts.timedOut} timed out, {counts.aborted} aborted, {counts.pending} not started);{' '}
                <span data-testid="kept-children">{counts.succeeded}</span> that succeeded are kept
                {counts.failuresNotRedrivable > 0 &&
                  `, and ${counts.failuresNotRedrivable} that may not be redriven stay as they are`}
                .
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
