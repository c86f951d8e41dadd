/** An execution's error and cause, as Execution Details shows them (Standard and Express alike); nothing without. */
export function ExecutionFailure({ error, cause }: { error?: string; cause?: string }) {
  if (error === undefined && cause === undefined) return null;
  return (
    <div className="banner banner-failure" data-testid="execution-error">
      <strong>{error ?? 'Error'}</strong>
      {cause && <pre>{cause}</pre>}
    </div>
  );
}
