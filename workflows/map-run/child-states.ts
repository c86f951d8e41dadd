/**
 * A partition's `childStates`: one letter per child, in child order, that its final report carries and a Map Run
 * redrive hands back to it (which children to run again, which to keep).
 */
import type { ChildOutcome } from './child-outcome';

/**
 * Succeeded, Failed, Timed out, Aborted, Pending (never started). A child a redrive may not re-run
 * (failuresNotRedrivable) has its letter in lower case: `f`, `t` or `a`.
 */
export const STATE_LETTER: Record<ChildOutcome['status'] | 'PENDING', string> = {
  SUCCEEDED: 'S',
  FAILED: 'F',
  TIMED_OUT: 'T',
  ABORTED: 'A',
  PENDING: 'P',
};

/** The status an upper-case letter stands for (the counts of a child kept from an earlier attempt). */
export const LETTER_STATUS: Record<string, 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUCCEEDED'> = {
  S: 'SUCCEEDED',
  F: 'FAILED',
  T: 'TIMED_OUT',
  A: 'ABORTED',
};

export function stateLetter(outcome: ChildOutcome | undefined): string {
  const letter = STATE_LETTER[outcome?.status ?? 'PENDING'];
  return outcome && outcome.status !== 'SUCCEEDED' && outcome.notRedrivable ? letter.toLowerCase() : letter;
}

/** A child that may not be redriven (failuresNotRedrivable): its letter is in lower case. */
export function notRedrivable(letter: string | undefined): boolean {
  return letter === 'f' || letter === 't' || letter === 'a';
}

/** A child a redrive leaves as it was: it succeeded, or it may not be redriven. */
export function keptByRedrive(letter: string | undefined): boolean {
  return letter === 'S' || notRedrivable(letter);
}

/**
 * How many children a redrive runs again: those it does not keep, less those a selective redrive holds (unsuccessful
 * children it did not pick, child-selection.ts).
 */
export function rerunCount(childStates: string, held: readonly number[] = []): number {
  let count = 0;
  for (const letter of childStates) if (!keptByRedrive(letter)) count++;
  return count - held.length;
}
