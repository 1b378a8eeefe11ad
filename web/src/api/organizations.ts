/** /api/tenants/:tenantId/organizations: the tree of committees and branches. */
import type {
  CreateOrganization,
  OrganizationNode,
  OrganizationTree,
  UpdateOrganization,
} from "../../../schema/api/organizations";
import { enc, request } from "./http";

const base = (tenantId: string) => `/api/tenants/${enc(tenantId)}/organizations`;

export const organizationsApi = {
  tree: (tenantId: string, signal?: AbortSignal) =>
    request<OrganizationTree>("GET", base(tenantId), undefined, { signal }),
  create: (tenantId: string, body: CreateOrganization) => request<OrganizationNode>("POST", base(tenantId), body),
  update: (tenantId: string, id: string, body: UpdateOrganization) =>
    request<OrganizationNode>("PATCH", `${base(tenantId)}/${enc(id)}`, body),
};

/** Every node of the tree, depth-first, with its depth: for pickers and flat lists. */
export function flattenTree(
  nodes: readonly OrganizationNode[],
  depth = 0,
): { node: OrganizationNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** The organizations that hold meetings (branches and grassroots branches). */
export function branchesOf(tree: OrganizationTree): OrganizationNode[] {
  return flattenTree(tree.items)
    .map((x) => x.node)
    .filter((n) => n.kind === "branch" || n.kind === "grassroots_branch");
}
