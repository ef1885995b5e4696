/** The recorder's state in one word, as the popup and the panel's Recording view show it. */
import type { CaptureStatus } from '../shared/messages';

export type RecordingState = 'recording' | 'paused' | 'off';

export function recordingState(s: Pick<CaptureStatus, 'paused'> & { settings: { recording: boolean } }): RecordingState {
  if (!s.settings.recording) return 'off';
  return s.paused ? 'paused' : 'recording';
}

export const STATE_TEXT: Record<RecordingState, string> = { recording: 'Recording', paused: 'Paused', off: 'Off' };
export const STATE_TONE: Record<RecordingState, 'ok' | 'warn' | 'info'> = { recording: 'ok', paused: 'warn', off: 'info' };

/** "1 recorded flow", "12 recorded flows". */
export function recordedText(n: number): string {
  return `${n} recorded ${n === 1 ? 'flow' : 'flows'}`;
}
