/**
 * Which cases the engine can run yet. MISSING_FEATURES is the one list of features the engine lacks: when an
 * issue lands, delete its entry and the cases that need it start counting.
 */
import type { ConformanceCase } from './load-cases';

interface MissingFeature {
  /** Shown in the report as the reason a case is not applicable. */
  feature: string;
  /** A case carrying any of these tags needs the feature. */
  tags: string[];
  /** Or: the case's content shows it needs the feature whatever its tags say. */
  needs?: (c: ConformanceCase) => boolean;
}

export const MISSING_FEATURES: readonly MissingFeature[] = [
  { feature: 'TestState API', tags: ['teststate-api'] },
  { feature: 'EventBridge status events', tags: ['eventbridge'] },
  // Only cases that actually redrive: the `redrive` tag also marks DescribeExecution's redrive fields and
  // $$.Execution.RedriveCount, which the engine has.
  { feature: 'RedriveExecution', tags: [], needs: needsRedriveExecution },
];

export type Applicability = { applicable: true } | { applicable: false; reason: string };

export function applicability(c: ConformanceCase): Applicability {
  const missing = MISSING_FEATURES.filter((f) => f.tags.some((tag) => c.tags.includes(tag)) || f.needs?.(c));
  if (missing.length > 0) return { applicable: false, reason: missing.map((f) => f.feature).join(', ') };
  if (c.expected.status === null && c.expected.eventTypes.length === 0) {
    const recorded = Object.keys(c.expected.other).join(', ') || 'nothing';
    return { applicable: false, reason: `no execution status or history recorded (only ${recorded})` };
  }
  return { applicable: true };
}

/** A redrive happened in the recording: a redriven event, a non-zero redrive count, or a RedriveExecution call. */
function needsRedriveExecution(c: ConformanceCase): boolean {
  if (Object.keys(c.expected.other).some((key) => /redrive_execution|redriveexecution/i.test(key))) return true;
  const text = JSON.stringify(c.expected);
  return /"(ExecutionRedriven|MapRunRedriven)"/.test(text) || /"[rR]edriveCount":\s*[1-9]/.test(text);
}
