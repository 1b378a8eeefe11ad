/**
 * An error from a passkey ceremony, in words a member can act on. The browser's own refusals are not the server's
 * errors: cancelling the fingerprint prompt (or letting it time out) is NotAllowedError, a device that already holds a
 * passkey for this account is InvalidStateError; anything from the server is shown as every other error is.
 */
import { ApiFailure } from "../api/http";
import { defineMessages } from "../i18n";
import { ErrorNotice } from "../ui/error-notice";

const pe = defineMessages(
  {
    cancelled: "Chưa xong: bạn đã hủy hoặc hết thời gian. Hãy thử lại.",
    already: "Thiết bị này đã có passkey cho tài khoản của bạn.",
    failed: "Thiết bị không tạo hoặc dùng được passkey. Hãy thử lại, hoặc dùng mật khẩu.",
  },
  {
    cancelled: "Not finished: it was cancelled or timed out. Try again.",
    already: "This device already holds a passkey for your account.",
    failed: "The device could not make or use a passkey. Try again, or use your password.",
  },
);

/** The name of the browser's error (a DOMException, or @simplewebauthn/browser's WebAuthnError that keeps it). */
const errorName = (err: unknown) => (err instanceof Error ? err.name : "");

export function passkeyErrorText(err: unknown): string {
  switch (errorName(err)) {
    case "NotAllowedError":
    case "AbortError":
      return pe("cancelled");
    case "InvalidStateError":
      return pe("already");
    default:
      return pe("failed");
  }
}

export function PasskeyError(props: { error: unknown }) {
  return props.error instanceof ApiFailure ? (
    <ErrorNotice error={props.error} />
  ) : (
    <p class="notice notice-error" role="alert">
      {passkeyErrorText(props.error)}
    </p>
  );
}
