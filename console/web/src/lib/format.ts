/** Display helpers: dates in the viewer's locale, durations, JSON. */

export function formatDate(iso: string | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { hour12: false });
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function prettyJson(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The last part of an ARN, for compact links. */
export function shortArn(arn: string): string {
  return arn.split(':').slice(-2).join(':');
}

/** A Map Run's id, the last part of its ARN: what Map Run Details is titled with. */
export function mapRunId(mapRunArn: string): string {
  return mapRunArn.split(':').pop() ?? mapRunArn;
}
