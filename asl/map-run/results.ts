/**
 * A Distributed Map's result when it is not exported: the child outputs in item order, shaped by
 * WriterConfig.Transformation (COMPACT by default; FLATTEN concatenates array outputs one level).
 */
import type { Json } from '../json';

export type Transformation = 'NONE' | 'COMPACT' | 'FLATTEN';

export function shapeOutputs(outputs: Json[], transformation: Transformation = 'COMPACT'): Json {
  if (transformation !== 'FLATTEN') return outputs;
  return outputs.flatMap((output) => (Array.isArray(output) ? output : [output]));
}
