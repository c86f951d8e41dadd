/**
 * A step of `tsf setup` the server will not let this connection make: an API key or certificate without a cluster
 * admin's rights, or Temporal Cloud, which manages namespaces and their search attributes with its own tools
 * (the Cloud UI, `tcld`, the Cloud Ops API) rather than the operator service. The error says which step, what the
 * server said, and the `tcld` command that makes the same change on Cloud, with this namespace's own values.
 */
import { grpcCode } from './connection-errors';
import type { SetupStep } from './setup-plan';

export class SetupNotPermitted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupNotPermitted';
  }
}

const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;
const UNAUTHENTICATED = 16;

/** True for the refusals no retry can change: permission denied, unauthenticated, unimplemented. */
export function isRefusal(error: unknown): boolean {
  const code = grpcCode(error);
  return code === PERMISSION_DENIED || code === UNIMPLEMENTED || code === UNAUTHENTICATED;
}

function serverSaid(error: unknown): string {
  return String((error as Error)?.message ?? error).replace(/^\d+ [A-Z_]+: /, '');
}

/** What the step does, in words, and the `tcld` command that does it on Temporal Cloud. */
function stepInWords(step: SetupStep): { what: string; cloud: string } {
  const ns = step.namespace;
  if (step.action === 'createNamespace') {
    return {
      what: `create namespace '${ns}'`,
      cloud: `tcld namespace create --namespace ${ns} --region <region> --retention-days ${Math.ceil(step.retentionDays)}`,
    };
  }
  if (step.action === 'raiseRetention') {
    return {
      what: `raise the retention of namespace '${ns}' to ${step.toDays} days`,
      cloud: `tcld namespace retention set --namespace ${ns}.<account> --retention-days ${Math.ceil(step.toDays)}`,
    };
  }
  const attributes = Object.entries(step.searchAttributes).map(([name, type]) => `--search-attribute ${name}=${type}`);
  return {
    what: `add search attributes ${Object.keys(step.searchAttributes).join(', ')} to namespace '${ns}'`,
    cloud: `tcld namespace search-attributes add --namespace ${ns}.<account> ${attributes.join(' ')}`,
  };
}

/** The refusal of `step` as a SetupNotPermitted; any other error as it was. */
export function setupRefusal(step: SetupStep, error: unknown): unknown {
  if (!isRefusal(error)) return error;
  const { what, cloud } = stepInWords(step);
  return new SetupNotPermitted(
    `The server refused to ${what} (${serverSaid(error)}). On a cluster of your own, run \`tsf setup\` with the ` +
      "credentials of a cluster admin (an API key with 'temporal-system:admin', or an admin's client certificate). " +
      `On Temporal Cloud, make the change with the Cloud UI or tcld, then run \`tsf setup --dry-run\` to check: ${cloud}`,
  );
}

/** ListSearchAttributes refused: without it setup cannot tell what the namespace lacks. */
export function listRefusal(namespace: string, error: unknown): unknown {
  if (!isRefusal(error)) return error;
  return new SetupNotPermitted(
    `The server refused to list the search attributes of namespace '${namespace}' (${serverSaid(error)}), so ` +
      "tsf setup cannot tell which of the engine's it lacks: use credentials allowed to read the namespace, or on " +
      `Temporal Cloud compare \`tcld namespace get --namespace ${namespace}.<account>\` with the list in the README`,
  );
}
