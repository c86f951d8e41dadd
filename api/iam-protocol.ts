/**
 * IAM's Query protocol for the role story: `Action=PutRolePolicy&Version=2010-05-08&RoleName=...`, form-encoded,
 * answered in XML (iam-xml.ts). PutRolePolicy, GetRolePolicy (its document goes back URL-encoded, as IAM sends
 * it), DeleteRolePolicy and ListRolePolicies (paged with MaxItems and Marker), each one call of the SDK.
 */
import { z } from 'zod';
import { StepFunctionsError } from '../client/errors';
import type { StepFunctions } from '../client/step-functions';
import { iamErrorReply, iamResultReply } from './iam-xml';
import type { Reply } from './reply';
import { checkRequest } from './validation';

const roleName = z.string().min(1).max(64);
const policyName = z.string().min(1).max(128);

const shapes = {
  PutRolePolicy: z.object({ roleName, policyName, policyDocument: z.string().min(1).max(131072) }),
  GetRolePolicy: z.object({ roleName, policyName }),
  DeleteRolePolicy: z.object({ roleName, policyName }),
  ListRolePolicies: z.object({
    roleName,
    marker: z.string().min(1).max(320).optional(),
    maxItems: z.coerce.number().int().min(1).max(1000).optional(),
  }),
};
type IamAction = keyof typeof shapes;

/** The Query parameters of one action, by their model names (RoleName -> roleName). */
function membersOf(params: URLSearchParams): Record<string, string> {
  const members: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    members[key.charAt(0).toLowerCase() + key.slice(1)] = value;
  }
  return members;
}

type Result = Promise<Record<string, unknown> | undefined>;

const runs: { [A in IamAction]: (sfn: StepFunctions, request: z.output<(typeof shapes)[A]>) => Result } = {
  PutRolePolicy: async (sfn, request) => {
    await sfn.putRolePolicy(request);
    return undefined;
  },
  DeleteRolePolicy: async (sfn, request) => {
    await sfn.deleteRolePolicy(request);
    return undefined;
  },
  GetRolePolicy: async (sfn, request) => {
    const policy = await sfn.getRolePolicy(request);
    return {
      RoleName: policy.roleName,
      PolicyName: policy.policyName,
      PolicyDocument: encodeURIComponent(policy.policyDocument),
    };
  },
  ListRolePolicies: async (sfn, { roleName: name, marker, maxItems = 100 }) => {
    const { policyNames } = await sfn.listRolePolicies({ roleName: name });
    // The SDK lists them all, in name order: a marker is the last name of the page before.
    const after = marker === undefined ? 0 : policyNames.indexOf(marker) + 1;
    // A marker no longer listed (its policy deleted meanwhile): go on after where it would sort.
    const rest =
      marker !== undefined && after === 0 ? policyNames.filter((policy) => policy > marker) : policyNames.slice(after);
    const page = rest.slice(0, maxItems);
    const truncated = rest.length > page.length;
    return {
      PolicyNames: { member: page },
      IsTruncated: truncated,
      ...(truncated ? { Marker: page[page.length - 1] } : {}),
    };
  },
};

function isIamAction(action: string): action is IamAction {
  return Object.hasOwn(shapes, action);
}

export async function handleIamRequest(sfn: StepFunctions, body: string, requestId: string): Promise<Reply> {
  const params = new URLSearchParams(body);
  const action = params.get('Action') ?? '';
  if (!isIamAction(action)) {
    return iamErrorReply('InvalidAction', `Could not find operation ${action} for version 2010-05-08`, requestId);
  }
  return run(sfn, action, params, requestId);
}

async function run<A extends IamAction>(sfn: StepFunctions, action: A, params: URLSearchParams, requestId: string) {
  const checked = checkRequest(shapes[action], membersOf(params), 'ValidationError');
  if (!checked.ok) {
    const code = checked.failure.name === 'SerializationException' ? 'MalformedInput' : checked.failure.name;
    return iamErrorReply(code, checked.failure.message, requestId);
  }
  try {
    const result = await runs[action](sfn, checked.value as z.output<(typeof shapes)[A]>);
    return iamResultReply(action, requestId, result);
  } catch (error) {
    if (error instanceof StepFunctionsError) return iamErrorReply(error.name, error.message, requestId);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return iamErrorReply('ServiceFailure', message, requestId);
  }
}
