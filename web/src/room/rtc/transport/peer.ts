/**
 * The part of RTCPeerConnection the transports use, so tests inject a fake (happy-dom has none) and the real one
 * fits as it is.
 */
export interface TransceiverLike {
  readonly mid: string | null;
  direction: RTCRtpTransceiverDirection;
  readonly sender: { replaceTrack(track: MediaStreamTrack | null): Promise<void> };
  readonly receiver: { readonly track: MediaStreamTrack };
}

export interface PeerLike {
  readonly connectionState: RTCPeerConnectionState;
  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): TransceiverLike;
  getTransceivers(): TransceiverLike[];
  createOffer(): Promise<RTCSessionDescriptionInit>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  getStats(): Promise<RTCStatsReport>;
  addEventListener(type: "connectionstatechange", listener: () => void): void;
  close(): void;
}

export type PeerFactory = (config: RTCConfiguration) => PeerLike;

export const browserPeer: PeerFactory = (config) => new RTCPeerConnection(config);
