/**
 * The microphone, for speech: echo cancellation and noise suppression on (a phone's speaker plays the hall
 * while its microphone is open), mono. The camera is captured apart (below), only when asked for.
 */
export async function captureMicrophone(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    video: false,
  });
  const [track] = stream.getAudioTracks();
  if (!track) throw new Error("no audio track");
  return track;
}

/**
 * A camera for the hall or a speaker: 640×360 at most, ~15 fps (a talking head; the sender caps it at ~250 kbit/s,
 * peer-links.ts). Sound stays on its own track, so a refused or missing camera leaves the microphone working.
 */
export async function captureCamera(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { width: { ideal: 640, max: 640 }, height: { ideal: 360, max: 360 }, frameRate: { ideal: 15, max: 15 } },
  });
  const [track] = stream.getVideoTracks();
  if (!track) throw new Error("no video track");
  return track;
}
