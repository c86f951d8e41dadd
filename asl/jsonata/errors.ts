/**
 * States.QueryEvaluationError as AWS words it (recorded histories): the failing expression, the field it sits in
 * (`Output/result`, `Assign/x`, `Items`...) and what went wrong. `location` goes into the EvaluationFailed event.
 */
import { StatesError, StatesErrors } from '../errors';
import type { Json } from '../json';

export class QueryEvaluationError extends StatesError {
  constructor(
    cause: string,
    readonly location?: string,
  ) {
    super(StatesErrors.QueryEvaluationError, cause);
  }
}

export function isQueryEvaluationError(error: unknown): error is QueryEvaluationError {
  return error instanceof QueryEvaluationError;
}

function prefix(expression: string, field: string): string {
  return `The JSONata expression '${expression}' specified for the field '${field}'`;
}

export function threwError(expression: string, field: string, detail: string): QueryEvaluationError {
  return new QueryEvaluationError(`${prefix(expression, field)} threw an error during evaluation. ${detail}`, field);
}

export function returnedNothing(expression: string, field: string): QueryEvaluationError {
  return new QueryEvaluationError(`${prefix(expression, field)} returned nothing (undefined).`, field);
}

/** JSON type names as the messages use them. */
export function jsonTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function unexpectedType(expression: string, field: string, expected: string, value: Json): QueryEvaluationError {
  return new QueryEvaluationError(
    `${prefix(expression, field)} returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    field,
  );
}
