/**
 * The structure of Choice rules: a top-level rule must name its Next and a nested one (inside And/Or/Not) must
 * not; a JSONPath rule holds exactly one comparison operator (with a Variable) or one combinator.
 */
import { COMBINATORS, COMPARISON_OPERATORS } from './choice/operators';
import type { JsonObject } from './json';
import { isJsonObject } from './json';
import type { QueryLanguage } from './types';
import type { Faults } from './validate-faults';
import { pointer } from './validate-faults';

function checkRule(rule: unknown, at: string, ql: QueryLanguage, top: boolean, faults: Faults): void {
  if (!isJsonObject(rule)) return; // the schema reports a rule that is not an object
  if (top && rule.Next === undefined) faults.schema(pointer(at, 'Next'), 'A top-level choice rule must have "Next"');
  if (ql === 'JSONata') return;
  if (!top) checkNested(rule, at, faults);

  const operators = Object.keys(rule).filter((key) => Object.hasOwn(COMPARISON_OPERATORS, key));
  const combinators = COMBINATORS.filter((key) => rule[key] !== undefined);
  const found = [...operators, ...combinators];
  if (found.length === 0) {
    faults.schema(at, 'A choice rule must have one comparison operator or one of "And", "Or", "Not"');
  }
  for (const extra of found.slice(1)) {
    faults.schema(pointer(at, extra), `A choice rule must have only one operator, found "${found.join('", "')}"`);
  }
  const [operator] = operators;
  if (operator !== undefined && rule.Variable === undefined) {
    faults.schema(pointer(at, 'Variable'), `The field "Variable" is required with the operator "${operator}"`);
  }
  if (operator === undefined && combinators.length > 0 && rule.Variable !== undefined) {
    faults.schema(pointer(at, 'Variable'), `The field "Variable" cannot be used with "${combinators[0]}"`);
  }
  for (const key of ['And', 'Or'] as const) {
    const list = rule[key];
    if (Array.isArray(list)) list.forEach((inner, i) => checkRule(inner, pointer(at, key, i), ql, false, faults));
  }
  if (rule.Not !== undefined) checkRule(rule.Not, pointer(at, 'Not'), ql, false, faults);
}

function checkNested(rule: JsonObject, at: string, faults: Faults): void {
  for (const key of ['Next', 'Assign']) {
    if (rule[key] !== undefined) {
      faults.schema(pointer(at, key), `Nested choice rules (inside And, Or or Not) cannot have "${key}"`);
    }
  }
}

export function checkChoiceRules(choices: unknown, at: string, ql: QueryLanguage, faults: Faults): void {
  if (Array.isArray(choices)) choices.forEach((rule, i) => checkRule(rule, pointer(at, i), ql, true, faults));
}
