/** Strings of the built-in sound and picture (issue 13): the hall screen's line and the remote participant's card. */
import { defineMessages } from "../../i18n";

export const mediaText = defineMessages(
  {
    connecting: "Đang kết nối âm thanh với hội trường…",
    notLive: "Âm thanh hội trường sẽ có khi cuộc họp bắt đầu.",
    hearingHall: "Đang nghe hội trường",
    tapToHear: "Bấm để nghe hội trường",
    micOn: "Micro đang bật",
    micOnHelp: "Mọi người đang nghe bạn. Micro tự tắt khi hết lượt phát biểu.",
    micAsking: "Đang mở micro…",
    micDenied:
      "Micro bị chặn: trình duyệt không cho trang này dùng micro. Để bật: bấm biểu tượng ổ khóa cạnh địa chỉ trang → Micro → Cho phép, rồi tải lại trang. Hoặc phát biểu qua người trong hội trường.",
    micFailed:
      "Không mở được micro (máy không có micro, hoặc micro đang bận). Hãy phát biểu qua người trong hội trường.",
    micOff: "Micro đang tắt",
    hallSending: "Âm thanh hội trường: đang gửi tới {n} người dự từ xa",
    hallAsking: "Đang mở micro hội trường…",
    hallDenied:
      "Không mở được micro hội trường: người dự từ xa không nghe được. Hãy cho phép trình duyệt dùng micro (biểu tượng ổ khóa cạnh địa chỉ trang → Micro → Cho phép), rồi tải lại trang.",
    hallSilent:
      "Hội trường không gửi âm thanh: màn hình hội trường chưa mở hoặc chưa mở được micro. Bạn vẫn theo dõi cuộc họp trên trang này.",
    hallTapSound: "Bấm để bật loa (nghe người phát biểu từ xa)",
    qualityGood: "Kết nối: tốt",
    qualityPoor: "Kết nối: chập chờn",
    qualityLost: "Kết nối: mất",
    videoOff: "Tắt hình",
    videoOn: "Bật hình",
    slowAudioOnly: "Mạng chậm: chỉ nghe âm thanh",
    hallPicture: "Hình từ hội trường",
    cameraOn: "Bật camera",
    cameraOff: "Tắt camera",
    cameraDenied: "Không mở được camera: mọi người chỉ nghe bạn.",
    hallCameraOn: "Bật camera hội trường",
    hallCameraOff: "Tắt camera hội trường",
    hallNoCamera: "Không có camera: chỉ gửi âm thanh",
    speakerPicture: "Hình người phát biểu",
  },
  {
    connecting: "Connecting to the hall's sound…",
    notLive: "The hall's sound starts when the meeting starts.",
    hearingHall: "Hearing the hall",
    tapToHear: "Tap to hear the hall",
    micOn: "Mic on",
    micOnHelp: "Everyone hears you. The mic turns off when your turn ends.",
    micAsking: "Opening the mic…",
    micDenied:
      "Mic blocked: the browser does not let this page use the microphone. To allow it: tap the lock icon beside the address → Microphone → Allow, then reload the page. Or speak through someone in the hall.",
    micFailed: "Could not open the mic (no microphone, or it is busy). Speak through someone in the hall.",
    micOff: "Mic off",
    hallSending: "Hall sound: sent to {n} remote participants",
    hallAsking: "Opening the hall's mic…",
    hallDenied:
      "Could not open the hall's mic: remote participants hear nothing. Allow the browser to use the microphone (the lock icon beside the address → Microphone → Allow), then reload the page.",
    hallSilent:
      "The hall is sending no sound: the hall screen is not open or could not open its mic. You can still follow the meeting on this page.",
    hallTapSound: "Tap to turn on the speakers (to hear remote speakers)",
    qualityGood: "Connection: good",
    qualityPoor: "Connection: poor",
    qualityLost: "Connection: lost",
    videoOff: "Video off",
    videoOn: "Video on",
    slowAudioOnly: "Slow connection: audio only",
    hallPicture: "Picture from the hall",
    cameraOn: "Camera on",
    cameraOff: "Camera off",
    cameraDenied: "Could not open the camera: everyone hears you only.",
    hallCameraOn: "Hall camera on",
    hallCameraOff: "Hall camera off",
    hallNoCamera: "No camera: sound only",
    speakerPicture: "The speaker's picture",
  },
);
