/**
 * The executions a user selected in a state machine's list to redrive together, and what came of the last redrive:
 * the names redriven (a notice) and each refusal (an error naming the execution). Selected rows stay selected across
 * refreshes of the list until they are redriven.
 */
import { useState } from 'react';
import type { ShownError } from '../api';
import type { RedriveOutcome } from '../components/RedriveSelected';
import type { ExecutionList, ExecutionListItem } from '../types';

export function useRedriveSelection(list: ExecutionList | undefined, refresh: () => void) {
  const [selected, setSelected] = useState<ReadonlyMap<string, ExecutionListItem>>(new Map());
  const [notice, setNotice] = useState<string>();
  const [refusals, setRefusals] = useState<ShownError[]>([]);
  const toggle = (executionArn: string) => {
    const next = new Map(selected);
    const item = list?.executions.find((e) => e.executionArn === executionArn);
    if (next.has(executionArn)) next.delete(executionArn);
    else if (item) next.set(executionArn, item);
    setSelected(next);
  };
  const onRedriven = ({ redriven, refused }: RedriveOutcome) => {
    setSelected(new Map());
    setNotice(redriven.length > 0 ? `Redrive started: ${redriven.join(', ')}` : undefined);
    setRefusals(refused);
    refresh();
  };
  return {
    selection: { selected: new Set(selected.keys()), toggle },
    selectedItems: [...selected.values()],
    notice,
    dismissNotice: () => setNotice(undefined),
    refusals,
    dismissRefusal: (refusal: ShownError) => setRefusals(refusals.filter((r) => r !== refusal)),
    onRedriven,
  };
}
