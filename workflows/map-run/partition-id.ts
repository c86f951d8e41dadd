/**
 * A partition's workflow id is its Map Run's ARN plus `/p<index>`, so whatever a partition schedules can tell its
 * Map Run from the workflow id alone (the Express child activity does).
 */
export function partitionWorkflowId(mapRunArn: string, index: number): string {
  return `${mapRunArn}/p${index}`;
}

/** The Map Run ARN of a partition's workflow id; undefined for any other id. */
export function mapRunArnOfPartition(workflowId: string): string | undefined {
  const match = /^(.+)\/p\d+$/.exec(workflowId);
  return match?.[1];
}
