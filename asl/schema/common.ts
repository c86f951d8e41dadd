/**
 * Field groups shared by several state types, each built for the state's query language: a JSONata state gets
 * Arguments/Output, a JSONPath state InputPath/Parameters/ResultSelector/ResultPath/OutputPath, and each side's
 * fields are explicit faults on the other side.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { assignField, nullablePathField, payloadTemplate, payloadTemplateObject, resultPathField } from './paths';
import { onlyIn, queryLanguageSchema } from './values';

export type Shape = Record<string, z.ZodType>;

export function commonFields(type: string): Shape {
  return {
    Type: z.literal(type),
    Comment: z.string({ error: 'The field "Comment" must be a string' }).optional(),
    QueryLanguage: queryLanguageSchema.optional(),
  };
}

/** Next/End presence and their exclusivity are checked by the validator; here only their types. */
export const transitionFields: Shape = {
  Next: z.string({ error: 'The field "Next" must be a string' }).optional(),
  End: z.boolean({ error: 'The field "End" must be a boolean' }).optional(),
};

export function inputOutputFields(ql: QueryLanguage): Shape {
  return {
    ...onlyIn('JSONPath', ql, {
      InputPath: nullablePathField('InputPath').optional(),
      OutputPath: nullablePathField('OutputPath').optional(),
    }),
    ...onlyIn('JSONata', ql, { Output: z.json().optional() }),
  };
}

export function resultFields(ql: QueryLanguage): Shape {
  return onlyIn('JSONPath', ql, {
    ResultPath: resultPathField.optional(),
    ResultSelector: payloadTemplateObject('ResultSelector').optional(),
  });
}

/** The input a Task, Parallel or Pass hands on: Parameters (JSONPath template) or Arguments (JSONata). */
export function argumentFields(ql: QueryLanguage): Shape {
  return {
    ...onlyIn('JSONPath', ql, { Parameters: payloadTemplate().optional() }),
    ...onlyIn('JSONata', ql, { Arguments: z.json().optional() }),
  };
}

export function assignFields(ql: QueryLanguage): Shape {
  return { Assign: assignField(ql).optional() };
}
