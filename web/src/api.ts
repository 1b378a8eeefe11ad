/**
 * The client's one typed API module. Every call goes through `request` (api/http.ts): same-origin fetch
 * with the session cookie, errors parsed from the shared envelope into `ApiFailure`. Types come from the
 * zod contracts in schema/api/*; one file per resource under api/.
 */
export { ApiFailure, failureOf, query, request, setUnauthorizedHandler, type FailureCode, type Method, type RequestOptions } from "./api/http";
export { authApi, type LoginResult } from "./api/auth";
export { branchesOf, flattenTree, organizationsApi } from "./api/organizations";
export { membersApi, type MemberListParams } from "./api/members";
export { meetingsApi, yearRange } from "./api/meetings";
