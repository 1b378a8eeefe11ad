/**
 * What the Worker's mails say: an invitation of each purpose a committee issues, and a reset asked for by e-mail
 * ("forgot password"). Vietnamese first, then English, in one plain-text body; the link on a line of its own so every
 * mail program makes it clickable, and the code as a fallback for whoever cannot open links.
 */
import { INVITATION_DAYS } from "../../schema/api/invitations";
import { FORGOT_RESET_HOURS } from "../../schema/api/mail";
import { howToHear, type MediaMode } from "../../schema/meeting-media";

export type InvitationMailKind = "member" | "reset" | "guest" | "staff";

export interface InvitationMailInput {
  to: string;
  kind: InvitationMailKind;
  /** The issuing committee's name, as its members know it. */
  committeeName: string;
  /** `<origin>/invite/<secret>` */
  link: string;
  code: string;
  /** For a guest: the meeting they are invited to. */
  meetingTitle?: string;
  /**
   * For a guest: how remote people hear and speak. A mail names the call service's host only: a forwarded mail must
   * not hand the call to someone not entitled; the link itself is on the meeting page and in the room.
   */
  meetingMedia?: { mode: MediaMode; host: string | null };
}

export interface MailText {
  subject: string;
  text: string;
}

/** Where a code is typed: the invitation page without a secret, on the link's own origin. */
export const codePageOf = (link: string) => `${new URL(link).origin}/invite`;

/** "ABCDE-FGHJK": easier to read aloud and type; redeeming ignores the dash (schema/api/invitations.ts). */
export const spacedCode = (code: string) => (code.length > 5 ? `${code.slice(0, 5)}-${code.slice(5)}` : code);

const SEPARATOR = "\n\n— English below —\n\n";

interface Words {
  intro: string;
  validity: string;
  /** The last paragraph; by default, what to do with a mail one did not expect. */
  closing?: string;
}

/** Both halves share the link and the code; only the words around them differ. */
function bilingual(vi: Words, en: Words, link: string, code: string) {
  const page = codePageOf(link);
  const shown = spacedCode(code);
  const vietnamese = [
    vi.intro,
    `Mở liên kết sau:\n${link}`,
    `Hoặc vào ${page} và nhập mã: ${shown}`,
    vi.validity,
    vi.closing ?? "Nếu đồng chí không chờ thư này, xin bỏ qua nó.",
  ];
  const english = [
    en.intro,
    `Open this link:\n${link}`,
    `Or go to ${page} and enter the code: ${shown}`,
    en.validity,
    en.closing ?? "If you were not expecting this message, please ignore it.",
  ];
  return `${vietnamese.join("\n\n")}${SEPARATOR}${english.join("\n\n")}\n`;
}

const invitationValidity = {
  vi: `Liên kết và mã chỉ dùng được một lần, có hiệu lực ${INVITATION_DAYS} ngày.`,
  en: `The link and the code work once and expire in ${INVITATION_DAYS} days.`,
};

/** The subject and body of an invitation a committee issued. */
export function invitationMail(input: InvitationMailInput): MailText {
  const c = input.committeeName;
  const meeting = input.meetingTitle?.trim();
  const link = input.link;
  const media = input.meetingMedia;
  const mediaVi = media
    ? `\n\nCách dự từ xa: ${howToHear(media.mode, "vi", media.host)}.${media.mode === "external" ? " Đường dẫn cuộc gọi có trong trang cuộc họp và phòng họp sau khi đăng nhập." : ""}`
    : "";
  const mediaEn = media
    ? `\n\nHearing and speaking remotely: ${howToHear(media.mode, "en", media.host)}.${media.mode === "external" ? " The call link is on the meeting page and in the room once you log in." : ""}`
    : "";
  switch (input.kind) {
    case "member":
      return {
        subject: `Lời mời dùng chibo của ${c} / Invitation to chibo from ${c}`,
        text: bilingual(
          {
            intro: `Kính gửi đồng chí,\n\n${c} mời đồng chí dùng chibo, phần mềm sinh hoạt chi bộ: xem lịch sinh hoạt, tham dự cuộc họp trực tuyến, phát biểu và biểu quyết. Đồng chí tự đặt mật khẩu của mình, hoặc đăng nhập nếu đã có tài khoản.`,
            validity: invitationValidity.vi,
          },
          {
            intro: `Dear comrade,\n\n${c} invites you to chibo, the party branch meeting app: see meeting plans, join meetings online, speak and vote. You choose your own password, or log in if you already have an account.`,
            validity: invitationValidity.en,
          },
          link,
          input.code,
        ),
      };
    case "reset":
      return {
        subject: `Đặt lại mật khẩu chibo (${c}) / Reset your chibo password (${c})`,
        text: bilingual(
          {
            intro: `Kính gửi đồng chí,\n\n${c} đã tạo cho đồng chí một liên kết để đặt lại mật khẩu chibo. Khi đồng chí chọn mật khẩu mới, mọi phiên đăng nhập đang mở sẽ kết thúc.`,
            validity: invitationValidity.vi,
          },
          {
            intro: `Dear comrade,\n\n${c} made you a link to reset your chibo password. Once you choose a new password, every open session ends.`,
            validity: invitationValidity.en,
          },
          link,
          input.code,
        ),
      };
    case "guest":
      return {
        subject: meeting
          ? `Mời dự cuộc họp “${meeting}” – ${c} / Invitation to the meeting “${meeting}” – ${c}`
          : `Mời dự sinh hoạt – ${c} / Invitation to a meeting – ${c}`,
        text: bilingual(
          {
            intro: `Kính gửi đồng chí,\n\n${c} trân trọng mời đồng chí dự ${meeting ? `cuộc họp “${meeting}”` : "buổi sinh hoạt"} trên chibo với tư cách khách mời. Đồng chí đăng nhập bằng tài khoản của mình, hoặc tự đặt mật khẩu nếu chưa có.${mediaVi}`,
            validity: invitationValidity.vi,
          },
          {
            intro: `Dear comrade,\n\n${c} invites you as a guest to ${meeting ? `the meeting “${meeting}”` : "a meeting"} on chibo. Log in with your own account, or choose a password if you have none yet.${mediaEn}`,
            validity: invitationValidity.en,
          },
          link,
          input.code,
        ),
      };
    case "staff":
      return {
        subject: `Mời tham gia quản lý ${c} trên chibo / Invitation to manage ${c} on chibo`,
        text: bilingual(
          {
            intro: `Kính gửi đồng chí,\n\nĐồng chí được mời tham gia quản lý ${c} trên chibo, phần mềm sinh hoạt chi bộ: tổ chức, đảng viên, kế hoạch sinh hoạt và báo cáo. Đồng chí đăng nhập bằng tài khoản của mình, hoặc tự đặt mật khẩu nếu chưa có.`,
            validity: invitationValidity.vi,
          },
          {
            intro: `Dear comrade,\n\nYou are invited to help manage ${c} on chibo, the party branch meeting app: organizations, members, meeting plans and reports. Log in with your own account, or choose a password if you have none yet.`,
            validity: invitationValidity.en,
          },
          link,
          input.code,
        ),
      };
    default:
      return input.kind satisfies never;
  }
}

/** The mail answering "forgot password": no committee, a short life. */
export function forgotPasswordMail(link: string, code: string): MailText {
  return {
    subject: "Đặt lại mật khẩu chibo / Reset your chibo password",
    text: bilingual(
      {
        intro:
          "Kính gửi đồng chí,\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản chibo đăng nhập bằng e-mail này. Để chọn mật khẩu mới, dùng liên kết hoặc mã dưới đây. Khi mật khẩu mới được đặt, mọi phiên đăng nhập đang mở sẽ kết thúc.",
        validity: `Liên kết và mã chỉ dùng được một lần, có hiệu lực ${FORGOT_RESET_HOURS} giờ. Mỗi yêu cầu mới thay thế liên kết cũ.`,
        closing: "Nếu đồng chí không yêu cầu, xin bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.",
      },
      {
        intro:
          "Dear comrade,\n\nSomeone asked to reset the password of the chibo account that logs in with this e-mail. To choose a new password, use the link or the code below. Once it is set, every open session ends.",
        validity: `The link and the code work once and expire in ${FORGOT_RESET_HOURS} hour. Each new request replaces the previous link.`,
        closing: "If you did not ask, ignore this message: your current password stays as it is.",
      },
      link,
      code,
    ),
  };
}
