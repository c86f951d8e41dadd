/**
 * One Map Run's part of a redrive plan (issue #16), also the body of a Map Run's repair plan: what happens to the
 * Map Run and why, the children that run again by how they ended, those kept as they are and why, their last
 * errors, where the items come from, and the most handler calls it can cause (the cost the user agrees to).
 */
import { mapRunId } from '../lib/format';
import { href } from '../router';
import type { MapRunRedrivePlan } from '../types';

const RERUN = [
  ['failed', 'failed'],
  ['timedOut', 'timed out'],
  ['aborted', 'aborted'],
  ['pending', 'never started'],
] as const;

const ACTION: Record<MapRunRedrivePlan['action'], string> = {
  REDRIVE: 'Redriven under the same Map Run ARN',
  NEW_MAP_RUN: 'A new Map Run',
};

const ITEM_SOURCE: Record<MapRunRedrivePlan['itemSource'], string> = {
  FIRST_ATTEMPT: "the first attempt's items (the item source is not read again)",
  READ_AGAIN: 'the item source, read again',
};

const count = (n: number) => n.toLocaleString();

function Kept({ plan }: { plan: MapRunRedrivePlan }) {
  const reasons = Object.entries(plan.kept.notRedrivableReasons).sort(([, a], [, b]) => b - a);
  return (
    <>
      <span data-testid="plan-succeeded">{count(plan.succeeded)}</span> succeeded,{' '}
      <span data-testid="plan-kept-not-redrivable">{count(plan.kept.notRedrivable)}</span> may not be redriven,{' '}
      <span data-testid="plan-kept-not-selected">{count(plan.kept.notSelected)}</span> not selected
      {reasons.length > 0 && (
        <ul className="plan-list">
          {reasons.map(([reason, n]) => (
            <li key={reason} data-testid="plan-not-redrivable-reason" data-reason={reason}>
              {count(n)}: {reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Errors({ errors }: { errors: MapRunRedrivePlan['errors'] }) {
  // Most frequent first: the error to fix before redriving is usually the one most children ended with.
  const byCount = Object.entries(errors).sort(([, a], [, b]) => b - a);
  if (byCount.length === 0) return <>none</>;
  return (
    <ul className="plan-list">
      {byCount.map(([name, n]) => (
        <li key={name} data-testid="plan-error" data-error={name}>
          <code data-testid="plan-error-name">{name}</code>: <span data-testid="plan-error-count">{count(n)}</span>
        </li>
      ))}
    </ul>
  );
}

export function MapRunPlan({ plan }: { plan: MapRunRedrivePlan }) {
  const rerunTotal = RERUN.reduce((sum, [key]) => sum + plan.rerun[key], 0);
  // The enclosing Parallel / Map states, if any (the path may or may not end with the state itself).
  const where = plan.statePath.at(-1) === plan.stateName ? plan.statePath.slice(0, -1) : plan.statePath;
  return (
    <div className="plan-map-run" data-testid="plan-map-run" data-map-run={plan.mapRunArn}>
      <h4>
        Map Run <a href={href('mapRun', plan.mapRunArn)}>{mapRunId(plan.mapRunArn)}</a> of{' '}
        <code data-testid="plan-map-run-state">{plan.stateName}</code>
        {where.length > 0 && <> in {where.join(' › ')}</>}
      </h4>
      <p>
        <strong data-testid="plan-action" data-action={plan.action}>
          {ACTION[plan.action]}
        </strong>
        : <span data-testid="plan-action-reason">{plan.actionReason}</span>
      </p>
      <dl className="plan-figures">
        <dt>Run again</dt>
        <dd>
          <span data-testid="plan-rerun-total">{count(rerunTotal)}</span> children:{' '}
          {RERUN.map(([key, label], i) => (
            <span key={key}>
              {i > 0 && ', '}
              <span data-testid={`plan-rerun-${key}`}>{count(plan.rerun[key])}</span> {label}
            </span>
          ))}
        </dd>
        <dt>Kept as they are</dt>
        <dd>
          <Kept plan={plan} />
        </dd>
        <dt>Last errors</dt>
        <dd>
          <Errors errors={plan.errors} />
        </dd>
        <dt>Items from</dt>
        <dd data-testid="plan-item-source" data-item-source={plan.itemSource}>
          {ITEM_SOURCE[plan.itemSource]}
        </dd>
        <dt>Handler calls</dt>
        <dd>
          {/* No bound when a child can loop or runs a Map state: say so rather than show a number. */}
          {plan.maxHandlerCalls === null ? (
            <span data-testid="plan-max-handler-calls">unbounded</span>
          ) : (
            <>
              at most <span data-testid="plan-max-handler-calls">{count(plan.maxHandlerCalls)}</span>
            </>
          )}
        </dd>
      </dl>
      {plan.keptFailuresExceedThreshold && (
        <p className="plan-warning" data-testid="plan-kept-exceed-threshold">
          The failures kept already exceed the tolerated-failure threshold: this Map Run fails again, whatever the
          children that run again do.
        </p>
      )}
    </div>
  );
}
