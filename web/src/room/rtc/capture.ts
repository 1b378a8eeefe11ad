/**
 * The microphone, for speech: echo cancellation and noise suppression on (a phone's speaker plays the hall
 * while its microphone is open), mono. Video is not captured: audio first spares a hall's uplink and a
 * member's mobile data.
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
