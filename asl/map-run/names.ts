/**
 * Name-based UUIDs (version 5, SHA-1): Map Run child names and generated labels are derived from stable inputs,
 * as AWS's observed names suggest (sfn-spec §2.1), so a partition that continues as new or is redriven names
 * the same item's child the same way without storing the name.
 */
import { sha1 } from '@noble/hashes/legacy';

/** A fixed namespace UUID for the engine (RFC 4122 §4.3 needs one; its value only has to stay the same). */
const NAMESPACE = hexToBytes('6f8f57a5c2a94e1fb7f1c3a1d2e4b5c6');

export function nameBasedUuid(name: string): string {
  const bytes = sha1(concat(NAMESPACE, new TextEncoder().encode(name))).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The name of the child that processes child number `childIndex` of a Map Run. */
export function childName(mapRunId: string, childIndex: number): string {
  return nameBasedUuid(`${mapRunId}/${childIndex}`);
}

/** The label of a Map state without `Label`: stable per state machine and state, like AWS's auto label. */
export function generatedLabel(stateMachineArn: string, statePath: string): string {
  return nameBasedUuid(`${stateMachineArn}#${statePath}`);
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
