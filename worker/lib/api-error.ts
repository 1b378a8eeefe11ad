import type { ErrorCode, ErrorIssue } from "../../schema/errors";
import { statusOfCode } from "../../schema/errors";

/** Thrown anywhere in a request; `onError` turns it into the one envelope with its status. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.status = statusOfCode[code];
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]) => new ApiError("bad_request", message, issues);
export const unauthorized = (message = "Chưa đăng nhập hoặc phiên đã hết hạn / Not logged in or session expired") =>
  new ApiError("unauthorized", message);
export const forbidden = (message = "Bạn không có quyền làm việc này / You may not do this") =>
  new ApiError("forbidden", message);
export const notFound = (what = "Resource") => new ApiError("not_found", `Không tìm thấy / ${what} not found`);
export const conflict = (message: string, issues?: ErrorIssue[]) => new ApiError("conflict", message, issues);
