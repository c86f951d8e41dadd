import { prettyJson } from '../lib/format';

export function JsonBlock({ title, text, testId }: { title: string; text?: string; testId?: string }) {
  return (
    <div className="json-block">
      <h4>{title}</h4>
      {text === undefined ? <p className="muted">–</p> : <pre data-testid={testId}>{prettyJson(text)}</pre>}
    </div>
  );
}
