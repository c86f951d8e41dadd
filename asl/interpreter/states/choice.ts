import { selectChoiceRule } from '../../choice/evaluate';
import { StatesError, StatesErrors } from '../../errors';
import type { Json } from '../../json';
import { evaluateTyped } from '../../jsonata/template';
import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { ChoiceRule, ChoiceState } from '../../types';
import { exitState } from '../state-exited';
import { evaluateAssign, jsonataOutput, jsonataScope } from '../query';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';
import type { StateRunner } from '../state-runner';

/**
 * Choice: the first matching rule's Next, else Default. A matching rule's own Assign (and, in JSONata, Output)
 * apply; the state-level Assign and Output apply only when Default is taken.
 */
export const runChoice: StateRunner<ChoiceState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const ql = queryLanguageOf(state, rc);
  if (ql === 'JSONata') {
    const states = { input, context };
    const rule = await firstTrueCondition(state, rc, states);
    if (!rule && state.Default === undefined) throw new StatesError(StatesErrors.NoChoiceMatched, 'No Matches!');
    const next = rule ? (rule.Next as string) : (state.Default as string);
    const from = rule ?? state;
    const assigned = await evaluateAssign(ql, from.Assign, rc, { data: input, context, states });
    const output = await jsonataOutput(from.Output, input, rc, states);
    return { output, next, lastEventId: exitState(rc, 'Choice', name, output, enteredEventId, assigned) };
  }
  const effective = applyInputPath(input, state.InputPath, context, rc.variables);
  const { next, rule } = selectChoiceRule(state, effective, context, rc.variables);
  const assign = rule ? rule.Assign : state.Assign;
  const assigned = await evaluateAssign(ql, assign, rc, { data: effective, context, states: { input, context } });
  const output = applyOutputPath(effective, state.OutputPath, context, rc.variables);
  return { output, next, lastEventId: exitState(rc, 'Choice', name, output, enteredEventId, assigned) };
};

async function firstTrueCondition(
  state: ChoiceState,
  rc: RunContext,
  states: { input: Json; context: Json },
): Promise<ChoiceRule | undefined> {
  const scope = jsonataScope(rc, states);
  for (const rule of state.Choices) {
    const condition = await evaluateTyped(rule.Condition as Json, 'Condition', 'boolean', scope);
    if (condition === true) return rule;
  }
  return undefined;
}
