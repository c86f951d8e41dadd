/**
 * Choice rule comparison operators (JSONPath flavour). Each `...Path` variant compares against the value at a
 * path in the state input instead of a literal. `Matches` has no Path variant in the ASL spec besides
 * StringMatches; type tests take a boolean.
 */
export type OperandKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'path' | 'pattern';

export const COMPARISON_OPERATORS: Readonly<Record<string, OperandKind>> = {
  StringEquals: 'string',
  StringEqualsPath: 'path',
  StringLessThan: 'string',
  StringLessThanPath: 'path',
  StringGreaterThan: 'string',
  StringGreaterThanPath: 'path',
  StringLessThanEquals: 'string',
  StringLessThanEqualsPath: 'path',
  StringGreaterThanEquals: 'string',
  StringGreaterThanEqualsPath: 'path',
  StringMatches: 'pattern',
  NumericEquals: 'number',
  NumericEqualsPath: 'path',
  NumericLessThan: 'number',
  NumericLessThanPath: 'path',
  NumericGreaterThan: 'number',
  NumericGreaterThanPath: 'path',
  NumericLessThanEquals: 'number',
  NumericLessThanEqualsPath: 'path',
  NumericGreaterThanEquals: 'number',
  NumericGreaterThanEqualsPath: 'path',
  BooleanEquals: 'boolean',
  BooleanEqualsPath: 'path',
  TimestampEquals: 'timestamp',
  TimestampEqualsPath: 'path',
  TimestampLessThan: 'timestamp',
  TimestampLessThanPath: 'path',
  TimestampGreaterThan: 'timestamp',
  TimestampGreaterThanPath: 'path',
  TimestampLessThanEquals: 'timestamp',
  TimestampLessThanEqualsPath: 'path',
  TimestampGreaterThanEquals: 'timestamp',
  TimestampGreaterThanEqualsPath: 'path',
  IsNull: 'boolean',
  IsPresent: 'boolean',
  IsNumeric: 'boolean',
  IsString: 'boolean',
  IsBoolean: 'boolean',
  IsTimestamp: 'boolean',
};

export const COMBINATORS = ['And', 'Or', 'Not'] as const;
