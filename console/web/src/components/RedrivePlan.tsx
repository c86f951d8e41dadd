/**
 * The redrive confirm step's plan (issue #16), as the server made it (planRedrive), not guessed from counts here:
 * whether the execution can be redriven and why not, each state the redrive enters again with the input it would
 * get, and for each Map Run what runs again and what is kept (MapRunPlan).
 */
import type { ShownError } from '../api';
import type { PlanRead } from '../lib/use-plan';
import type { RedrivePlan as Plan, RedrivePlanState } from '../types';
import { ErrorBanner } from './ErrorBanner';
import { MapRunPlan } from './MapRunPlan';

/**
 * Why confirming is off, if it is: while the plan is read (the user confirms what they saw), and when the plan says
 * the execution cannot be redriven from its own page (only REDRIVABLE can). A plan that could not be read does not
 * block: the redrive is checked when it starts.
 */
export function planBlockedReason({ plan, loading }: PlanRead<Plan>): string | undefined {
  if (loading) return 'Reading what the redrive would run again…';
  if (!plan || plan.redriveStatus === 'REDRIVABLE') return undefined;
  return plan.redriveStatusReason ?? `The execution is ${plan.redriveStatus}`;
}

function PlanState({ state }: { state: RedrivePlanState }) {
  const where = state.path.slice(0, -1);
  return (
    <li data-testid="plan-state" data-state={state.name}>
      <strong data-testid="plan-state-name">{state.name}</strong>
      {where.length > 0 && (
        <>
          {' '}
          in <code data-testid="plan-state-path">{where.join(' › ')}</code>
        </>
      )}
      <details>
        <summary>Input it gets</summary>
        <pre className="plan-input" data-testid="plan-state-input">
          {JSON.stringify(state.input, null, 2)}
        </pre>
      </details>
    </li>
  );
}

function PlanBody({ name, plan }: { name: string; plan: Plan }) {
  return (
    <div data-testid="redrive-plan" data-redrive-status={plan.redriveStatus}>
      <p>
        Redrive <strong>{name}</strong>: <span data-testid="plan-redrive-status">{plan.redriveStatus}</span>
        {plan.redriveStatusReason && (
          <>
            {' '}
            (<span data-testid="plan-redrive-status-reason">{plan.redriveStatusReason}</span>)
          </>
        )}
      </p>
      {plan.states.length > 0 && (
        <>
          <h4>States that run again</h4>
          <ul className="plan-list">
            {plan.states.map((state) => (
              <PlanState key={state.path.join('/')} state={state} />
            ))}
          </ul>
          <p className="muted">States that succeeded are not run again.</p>
        </>
      )}
      {plan.mapRuns.map((mapRun) => (
        <MapRunPlan key={mapRun.mapRunArn} plan={mapRun} />
      ))}
    </div>
  );
}

export function RedrivePlan({ name, read }: { name: string; read: PlanRead<Plan> }) {
  const { plan, error } = read;
  if (plan) return <PlanBody name={name} plan={plan} />;
  if (error) return <PlanError error={error} />;
  return (
    <p className="muted" data-testid="plan-loading">
      Reading what the redrive would run again…
    </p>
  );
}

/** The plan could not be read: say so, and that confirming still works (the redrive is checked when it starts). */
export function PlanError({ error }: { error: ShownError }) {
  return (
    <div data-testid="plan-error-banner">
      <p>The plan could not be read; the redrive itself is still checked when it starts.</p>
      <ErrorBanner error={error} />
    </div>
  );
}
