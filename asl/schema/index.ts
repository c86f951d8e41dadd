/**
 * Schema lookup by state type and query language. Schemas are built once per pair: a state's query language is
 * its own `QueryLanguage` or the definition's, and it decides which fields exist.
 */
import type { z } from 'zod';
import type { QueryLanguage, StateType } from '../types';
import { choiceStateSchema } from './choice';
import { failStateSchema } from './fail';
import { mapStateSchema } from './map';
import { parallelStateSchema } from './parallel';
import { passStateSchema } from './pass';
import { succeedStateSchema } from './succeed';
import { taskStateSchema } from './task';
import { waitStateSchema } from './wait';

export { branchSchema, machineSchema } from './machine';
export { itemProcessorSchema, labelProblem } from './map-fields';
export { isJsonataExpression, isTimestamp, QUERY_LANGUAGES } from './values';

const BUILDERS: Record<StateType, (ql: QueryLanguage) => z.ZodType> = {
  Pass: passStateSchema,
  Task: taskStateSchema,
  Choice: choiceStateSchema,
  Wait: waitStateSchema,
  Succeed: succeedStateSchema,
  Fail: failStateSchema,
  Parallel: parallelStateSchema,
  Map: mapStateSchema,
};

export const STATE_TYPES = Object.keys(BUILDERS) as StateType[];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(BUILDERS, value);
}

const cache = new Map<string, z.ZodType>();

export function stateSchema(type: StateType, ql: QueryLanguage): z.ZodType {
  const key = `${type}/${ql}`;
  let schema = cache.get(key);
  if (schema === undefined) {
    schema = BUILDERS[type](ql);
    cache.set(key, schema);
  }
  return schema;
}
