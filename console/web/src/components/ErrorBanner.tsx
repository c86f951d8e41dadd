/** An SDK error as the SDK named it: `Name: message`. */
export function ErrorBanner({
  error,
  onDismiss,
}: {
  error?: { name: string; message: string };
  onDismiss?: () => void;
}) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <strong>{error.name}</strong>: {error.message}
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

export function Notice({ text, onDismiss }: { text?: string; onDismiss: () => void }) {
  if (!text) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="notice">
      {text}
      <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
