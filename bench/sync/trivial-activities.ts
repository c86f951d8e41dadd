/** The baseline's one activity (bench/start-sync.bench.ts): it answers its input. */
export function trivialActivities() {
  return {
    async echo(input: unknown): Promise<unknown> {
      return input;
    },
  };
}
