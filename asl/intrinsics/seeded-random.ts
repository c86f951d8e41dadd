/**
 * Seeded integers for States.MathRandom(start, end, seed). AWS promises only that a seed gives repeatable
 * results; Step Functions runs on the JVM, so java.util.Random's generator (48-bit LCG, nextInt(bound)) is the
 * most plausible match and at least a well-known, deterministic one.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

class JavaRandom {
  private seed: bigint;

  constructor(seed: number) {
    this.seed = (BigInt.asUintN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** java.util.Random#next(bits): the top `bits` bits of the next state, as a signed 32-bit int. */
  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** java.util.Random#nextDouble: 53 random bits as a fraction. */
  nextDouble(): number {
    const high = BigInt(this.next(26)) & ((1n << 26n) - 1n);
    const low = BigInt(this.next(27)) & ((1n << 27n) - 1n);
    return Number((high << 27n) + low) / 2 ** 53;
  }

  /** java.util.Random#nextInt(bound), bound in 1..2^31-1. */
  nextInt(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const value = bits % bound;
      // Java rejects draws from the incomplete last bucket, detected by 32-bit overflow.
      if (((bits - value + (bound - 1)) | 0) >= 0) return value;
    }
  }
}

/** An integer in [start, end) drawn from a generator seeded with `seed` (an integer). */
export function seededRandomInt(seed: number, start: number, end: number): number {
  return start + new JavaRandom(seed).nextInt(end - start);
}

/** A fraction in [0, 1) from a generator seeded with `seed` (java.util.Random#nextDouble), for JSONata's $random(seed). */
export function seededRandomFraction(seed: number): number {
  return new JavaRandom(seed).nextDouble();
}
