/**
 * Previous/next over opaque page tokens: the tokens of the pages already seen are kept, so "previous" goes
 * back without the API having to page backwards.
 */
import { useState } from 'react';

export interface PagerState {
  token: string | undefined;
  pageNumber: number;
  next(token: string): void;
  previous(): void;
  reset(): void;
}

export function usePager(): PagerState {
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  return {
    token: tokens[tokens.length - 1],
    pageNumber: tokens.length,
    next: (token) => setTokens((t) => [...t, token]),
    previous: () => setTokens((t) => (t.length > 1 ? t.slice(0, -1) : t)),
    reset: () => setTokens([undefined]),
  };
}

export function Pager({ pager, nextToken }: { pager: PagerState; nextToken?: string }) {
  return (
    <div className="pager">
      <button type="button" disabled={pager.pageNumber <= 1} onClick={pager.previous}>
        ‹ Previous
      </button>
      <span>Page {pager.pageNumber}</span>
      <button type="button" disabled={nextToken === undefined} onClick={() => nextToken && pager.next(nextToken)}>
        Next ›
      </button>
    </div>
  );
}
