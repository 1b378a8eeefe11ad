/** /api/auth: log in and out, who am I, change password, my sessions and signing them out, forgot password. */
import type { AccountSessions, ChangePassword, Login, Me } from "../../../schema/api/auth";
import type { ForgotPassword, ForgotPasswordAnswer } from "../../../schema/api/mail";
import { request } from "./http";

export interface LoginResult {
  token: string;
  me: Me;
}

export const authApi = {
  login: (body: Login) => request<LoginResult>("POST", "/api/auth/login", body, { quiet401: true }),
  logout: () => request<{ ok: true }>("POST", "/api/auth/logout", {}, { quiet401: true }),
  me: () => request<Me>("GET", "/api/auth/me", undefined, { quiet401: true }),
  changePassword: (body: ChangePassword) => request<{ ok: true }>("POST", "/api/auth/password", body),
  sessions: () => request<AccountSessions>("GET", "/api/auth/sessions"),
  revokeSession: (id: string) =>
    request<{ ok: true }>("POST", `/api/auth/sessions/${encodeURIComponent(id)}/revoke`, {}),
  signOutEverywhere: () => request<{ ok: true }>("POST", "/api/auth/sign-out-everywhere", {}),
  /** The same answer whether or not the e-mail has an account. */
  forgotPassword: (body: ForgotPassword) =>
    request<ForgotPasswordAnswer>("POST", "/api/auth/forgot", body, { quiet401: true }),
};
