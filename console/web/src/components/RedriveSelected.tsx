/**
 * Redrive the executions selected in a state machine's list (issue #13): a button, a confirm step naming each one
 * and what runs again, then one RedriveExecution per execution. Each answer is reported: the redriven ones in a
 * notice, each refusal (e.g. past its redrivable period) with the execution's name.
 */
import { useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import type { ExecutionListItem } from '../types';
import { ConfirmDialog } from './ConfirmDialog';

export interface RedriveOutcome {
  redriven: string[];
  refused: ShownError[];
}

export function RedriveSelected({
  executions,
  onDone,
}: {
  executions: readonly ExecutionListItem[];
  onDone(outcome: RedriveOutcome): void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  async function redriveAll() {
    setBusy(true);
    const outcome: RedriveOutcome = { redriven: [], refused: [] };
    for (const execution of executions) {
      try {
        await api.redrive(execution.executionArn);
        outcome.redriven.push(execution.name);
      } catch (e) {
        const error = describeError(e);
        outcome.refused.push({ name: error.name, message: `${execution.name}: ${error.message}` });
      }
    }
    setBusy(false);
    setOpen(false);
    onDone(outcome);
  }

  return (
    <>
      <button
        type="button"
        data-testid="redrive-selected"
        disabled={executions.length === 0}
        title={executions.length === 0 ? 'Select failed, timed out or aborted executions to redrive' : undefined}
        onClick={() => setOpen(true)}
      >
        Redrive{executions.length > 0 ? ` (${executions.length})` : ''}
      </button>
      <ConfirmDialog
        open={open}
        title="Redrive executions"
        confirmLabel="Redrive"
        busy={busy}
        onConfirm={() => void redriveAll()}
        onCancel={() => setOpen(false)}
      >
        <p>
          Redrive these {executions.length} executions? Each runs again from the state that failed: states that
          succeeded are not run again, and a failed Distributed Map re-runs only its unsuccessful children.
        </p>
        <ul data-testid="redrive-selection">
          {executions.map((e) => (
            <li key={e.executionArn}>
              {e.name} ({e.status})
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
