/**
 * Printers of rbac.authorization.k8s.io bindings. Roles and clusterroles have no printer upstream:
 * their storage serves the default Name/Created At table.
 */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, obj, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

/** `rbac.SubjectsStrings`: users, groups and "namespace/name" service accounts, in subject order. */
function subjects(binding: Obj): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(binding.subjects).map(obj)) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingRow(o: Obj, nowMs: number): unknown[] {
  const roleRef = obj(o.roleRef);
  return [str(o.metadata?.name), `${str(roleRef.kind)}/${str(roleRef.name)}`, since(o.metadata?.creationTimestamp, nowMs), ...subjects(o)];
}

export const roleBindingPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Role',
      'string',
      'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
    ),
    AGE_COLUMN,
    col('Users', 'string', 'Users in the roleBinding', { priority: 1 }),
    col('Groups', 'string', 'Groups in the roleBinding', { priority: 1 }),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', { priority: 1 }),
  ],
  bindingRow,
);

export const clusterRoleBindingPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Role',
      'string',
      'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
    ),
    AGE_COLUMN,
    col('Users', 'string', 'Users in the clusterRoleBinding', { priority: 1 }),
    col('Groups', 'string', 'Groups in the clusterRoleBinding', { priority: 1 }),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', { priority: 1 }),
  ],
  bindingRow,
);
