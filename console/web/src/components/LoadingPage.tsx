import { ErrorBanner } from './ErrorBanner';

/** A details page whose resource has not arrived yet: its ARN, then the SDK's error or "Loading…". */
export function LoadingPage({ arn, error }: { arn: string; error?: { name: string; message: string } }) {
  return (
    <main>
      <h1 className="arn">{arn}</h1>
      <ErrorBanner error={error} />
      {!error && <p className="muted">Loading…</p>}
    </main>
  );
}
