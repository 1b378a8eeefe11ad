/**
 * The client's one typed API module. Every call goes through `request` (api/http.ts): same-origin fetch
 * with the session cookie, errors parsed from the shared envelope into `ApiFailure`. Types come from the
 * zod contracts in schema/api/*; one file per resource under api/.
 */

export { authApi, type LoginResult } from "./api/auth";
export { committeesApi } from "./api/committees";
export {
  ApiFailure,
  type FailureCode,
  failureOf,
  type Method,
  query,
  type RequestOptions,
  request,
  setUnauthorizedHandler,
} from "./api/http";
export { invitationsApi } from "./api/invitations";
export { meetingsApi, yearRange } from "./api/meetings";
export { type MemberListParams, membersApi } from "./api/members";
export { branchesOf, flattenTree, organizationsApi } from "./api/organizations";
export { resolutionsApi } from "./api/resolutions";
