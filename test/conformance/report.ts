/**
 * The run's report: a plain-text table (case | result | first difference or missing feature), the summary line
 * other tools grep for, and the same results as JSON.
 */
import fs from 'node:fs';
import type { CaseOutcome } from './run-case';

export const REPORT_NOTES = [
  'Lambda failures: AWS records the Python runtime error JSON {errorMessage, errorType, requestId, stackTrace} as ' +
    'the cause; the engine reports the thrown error message, so only errorMessage is compared.',
  'Placeholders (<uuid:1>, <ArnPart_0idx>, snf_role_arn, ...) match any text, consistently within one case; time ' +
    'placeholders (date, timestamp, ...) match any time.',
  'Strings holding a JSON object are compared decoded; object key order is ignored.',
  'Maps whose iterations may run concurrently are compared per iteration (type subsequences, as a multiset) plus the ' +
    'events around the Map in order; *StateAborted events as a multiset.',
];

const DETAIL_MAX = 220;

export interface Summary {
  passed: number;
  failed: number;
  notApplicable: number;
}

export function summarise(outcomes: CaseOutcome[]): Summary {
  return {
    passed: outcomes.filter((o) => o.result === 'PASS').length,
    failed: outcomes.filter((o) => o.result === 'FAIL').length,
    notApplicable: outcomes.filter((o) => o.result === 'N/A').length,
  };
}

export function summaryLine(summary: Summary): string {
  return `conformance: ${summary.passed} passed, ${summary.failed} failed, ${summary.notApplicable} not applicable`;
}

export function formatTable(outcomes: CaseOutcome[]): string {
  const rows = outcomes.map((o) => [o.name, o.result, clip(o.detail)]);
  const header = ['case', 'result', 'first difference / missing feature'];
  const width = (column: number) =>
    Math.max(header[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0));
  const nameWidth = width(0);
  const resultWidth = width(1);
  const line = (row: string[]) =>
    `${(row[0] ?? '').padEnd(nameWidth)} | ${(row[1] ?? '').padEnd(resultWidth)} | ${row[2] ?? ''}`.trimEnd();
  const rule = `${'-'.repeat(nameWidth)}-+-${'-'.repeat(resultWidth)}-+-${'-'.repeat(34)}`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function writeJsonReport(file: string, corpus: string, outcomes: CaseOutcome[]): void {
  const report = { corpus, summary: summarise(outcomes), notes: REPORT_NOTES, cases: outcomes };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > DETAIL_MAX ? `${oneLine.slice(0, DETAIL_MAX - 3)}...` : oneLine;
}
