/**
 * The functions a JSONata expression sees besides JSONata's own: the six Step Functions adds ($partition,
 * $range, $hash, $random, $uuid, $parse, per "JSONata functions provided by Step Functions"), and
 * replacements for JSONata's clock and randomness ($now, $millis, $random, $shuffle) that read the host, so an
 * expression gives the same value when a workflow replays. $eval is not offered by Step Functions.
 */
import jsonata from 'jsonata';
import { isStatesError } from '../errors';
import { callIntrinsic } from '../intrinsics/functions';
import { seededRandomFraction } from '../intrinsics/seeded-random';
import type { Json } from '../json';

export interface JsonataHost {
  now(): number;
  uuid(): string;
  random(): number;
}

type Native = (...args: unknown[]) => unknown;

/** A function failure as JSONata reports it: `code: message` ends up in the States.QueryEvaluationError cause. */
function functionError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Runs the States.* intrinsic that a Step Functions JSONata function mirrors, naming the JSONata function. */
function viaIntrinsic(fn: string, intrinsic: string, args: unknown[], host: JsonataHost): Json {
  try {
    return callIntrinsic(intrinsic, args as Json[], { entropy: host });
  } catch (error) {
    if (!isStatesError(error)) throw error;
    const message = (error.cause ?? error.message).replace(`'${intrinsic}'`, `'$${fn}'`);
    throw functionError('D3200', message);
  }
}

/**
 * JSONata's own $fromMillis, fetched once per host (one per execution), so that $now keeps its picture/timezone
 * formatting while reading the host clock. Not once per module: the workflow bundle's modules are shared by every
 * workflow of a worker (worker/bundle.ts), and a workflow's first evaluation must take as many steps on a busy
 * worker as on a fresh one, or a replay could interleave its branches differently.
 */
const fromMillisByHost = new WeakMap<JsonataHost, Promise<{ implementation: Native }>>();

async function builtInFromMillis(host: JsonataHost): Promise<{ implementation: Native }> {
  let fromMillis = fromMillisByHost.get(host);
  if (fromMillis === undefined) {
    fromMillis = jsonata('$fromMillis').evaluate(undefined) as Promise<{ implementation: Native }>;
    fromMillisByHost.set(host, fromMillis);
  }
  return fromMillis;
}

/** A singleton result is returned unwrapped, as AWS's $range(1, 9, 9) gives 1 (recorded). */
function unwrapSingleton(value: Json): Json {
  return Array.isArray(value) && value.length === 1 ? (value[0] as Json) : value;
}

function shuffle(host: JsonataHost, array: unknown): unknown {
  if (!Array.isArray(array)) return array;
  const out = [...(array as unknown[])];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(host.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The bindings (names without `$`) that add or replace functions for one evaluation. */
export async function stepFunctionsFunctions(host: JsonataHost): Promise<Record<string, unknown>> {
  const { implementation: formatMillis } = await builtInFromMillis(host);
  return {
    partition: (array: unknown, size: unknown) =>
      viaIntrinsic('partition', 'States.ArrayPartition', [array, size], host),
    range: (start: unknown, end: unknown, step: unknown) =>
      unwrapSingleton(viaIntrinsic('range', 'States.ArrayRange', [start, end, step], host)),
    hash: (data: unknown, algorithm: unknown) => viaIntrinsic('hash', 'States.Hash', [data, algorithm], host),
    random: (seed?: unknown) => {
      if (seed === undefined) return host.random();
      if (typeof seed !== 'number' || !Number.isInteger(seed)) {
        throw functionError('D3201', `The function '$random' expects an integer seed, but got ${JSON.stringify(seed)}`);
      }
      return seededRandomFraction(seed);
    },
    uuid: () => host.uuid(),
    parse: (text: unknown) => {
      if (typeof text !== 'string') {
        throw functionError('D3202', `The function '$parse' expects a string, but got ${JSON.stringify(text)}`);
      }
      try {
        return JSON.parse(text) as Json;
      } catch (e) {
        throw functionError(
          'D3203',
          `The function '$parse' could not parse its argument as JSON: ${(e as Error).message}`,
        );
      }
    },
    now: (picture?: unknown, timezone?: unknown) => formatMillis(host.now(), picture, timezone),
    millis: () => host.now(),
    shuffle: (array: unknown) => shuffle(host, array),
    eval: () => {
      throw functionError('T1006', 'Attempted to invoke a non-function');
    },
  };
}
