/**
 * Choice rules, field by field. JSONPath rules compare the value at `Variable` with one operator (operand type per
 * COMPARISON_OPERATORS) or combine rules with And/Or/Not; JSONata rules have a single `Condition`. How many
 * operators a rule has and where `Next` may appear are structural checks of the validator (asl/validate-choice.ts).
 */
import { z } from 'zod';
import type { OperandKind } from '../choice/operators';
import { COMPARISON_OPERATORS } from '../choice/operators';
import type { QueryLanguage } from '../types';
import type { Shape } from './common';
import { assignFields } from './common';
import { pathField } from './paths';
import { forbidden, isJsonataExpression, onlyIn, timestampField } from './values';

function operand(operator: string, kind: OperandKind): z.ZodType {
  switch (kind) {
    case 'string':
    case 'pattern':
      return z.string({ error: `The operator "${operator}" takes a string` });
    case 'number':
      return z.number({ error: `The operator "${operator}" takes a number` });
    case 'boolean':
      return z.boolean({ error: `The operator "${operator}" takes a boolean` });
    case 'timestamp':
      return timestampField(operator);
    case 'path':
      return pathField(operator);
  }
}

const operatorFields: Shape = Object.fromEntries(
  Object.entries(COMPARISON_OPERATORS).map(([op, kind]) => [op, operand(op, kind).optional()]),
);

function ruleList(field: 'And' | 'Or', rule: z.ZodType) {
  return z
    .array(rule, { error: `The field "${field}" must be an array of choice rules` })
    .min(1, `The field "${field}" must be a non-empty array of choice rules`);
}

/** One schema serves top-level and nested JSONPath rules; Next/Assign placement is checked structurally. */
export const jsonPathChoiceRule: z.ZodType = z.lazy(() =>
  z.strictObject({
    Variable: pathField('Variable').optional(),
    ...operatorFields,
    And: ruleList('And', jsonPathChoiceRule).optional(),
    Or: ruleList('Or', jsonPathChoiceRule).optional(),
    Not: jsonPathChoiceRule.optional(),
    Next: z.string({ error: 'The field "Next" must be a state name' }).optional(),
    Comment: z.string().optional(),
    ...assignFields('JSONPath'),
    ...onlyIn('JSONata', 'JSONPath', { Condition: z.unknown(), Output: z.unknown() }),
  }),
);

const jsonataRuleFields: Shape = {
  Condition: z
    .union([z.boolean(), z.string()], {
      error: 'The field "Condition" is required and must be a JSONata expression "{% ... %}" or a boolean',
    })
    .refine(
      (v) => typeof v === 'boolean' || isJsonataExpression(v),
      'The field "Condition" must be a JSONata expression "{% ... %}" or a boolean',
    ),
  Next: z.string({ error: 'The field "Next" must be a state name' }).optional(),
  Comment: z.string().optional(),
  Output: z.json().optional(),
  ...assignFields('JSONata'),
};

const jsonPathOnlyRuleFields: Shape = {
  ...onlyIn('JSONPath', 'JSONata', { Variable: z.unknown(), ...operatorFields }),
  And: forbidden('The field "And" is not supported in JSONata states; combine conditions in "Condition"'),
  Or: forbidden('The field "Or" is not supported in JSONata states; combine conditions in "Condition"'),
  Not: forbidden('The field "Not" is not supported in JSONata states; negate inside "Condition"'),
};

export const jsonataChoiceRule = z.strictObject({ ...jsonataRuleFields, ...jsonPathOnlyRuleFields });

export function choiceRule(ql: QueryLanguage): z.ZodType {
  return ql === 'JSONata' ? jsonataChoiceRule : jsonPathChoiceRule;
}
