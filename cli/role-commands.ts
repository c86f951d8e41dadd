/** `put-role-policy`, `get-role-policy`, `delete-role-policy`, `list-role-policies`: shaped like `aws iam`. */
import type { Command } from 'commander';
import { runApiCommand } from './api-command';
import { readArgument } from './io';

export function addRoleCommands(program: Command): void {
  program
    .command('put-role-policy')
    .description("PutRolePolicy: add or replace an inline policy of a state machine's role (checked when used)")
    .requiredOption(
      '--role-name <name>',
      'the role, as named by the state machine roleArn (arn:aws:iam::<account>:role/<name>)',
    )
    .requiredOption('--policy-name <name>')
    .requiredOption(
      '--policy-document <json|file://path>',
      'IAM policy: Version, Statement[] of Effect, Action, Resource',
    )
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.putRolePolicy({
          roleName: o.roleName,
          policyName: o.policyName,
          policyDocument: readArgument(o.policyDocument, '--policy-document'),
        }),
      ),
    );

  program
    .command('get-role-policy')
    .description('GetRolePolicy: the policy document as it was put')
    .requiredOption('--role-name <name>')
    .requiredOption('--policy-name <name>')
    .action((o) => runApiCommand((sfn) => sfn.getRolePolicy({ roleName: o.roleName, policyName: o.policyName })));

  program
    .command('delete-role-policy')
    .description('DeleteRolePolicy')
    .requiredOption('--role-name <name>')
    .requiredOption('--policy-name <name>')
    .action((o) => runApiCommand((sfn) => sfn.deleteRolePolicy({ roleName: o.roleName, policyName: o.policyName })));

  program
    .command('list-role-policies')
    .description('ListRolePolicies: the names of the inline policies of a role')
    .requiredOption('--role-name <name>')
    .action((o) => runApiCommand((sfn) => sfn.listRolePolicies({ roleName: o.roleName })));
}
