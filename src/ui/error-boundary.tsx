/**
 * A part of a page that fails to render says so, and only that part: a view, a step of a flow's
 * timeline, a token. Recorded data is a stranger's (issue 9: a 20,000-deep ID token overflowed the
 * stack while rendering and blanked the whole panel, which then reopened on the same flow).
 *
 * The message is shown as text, redacted and cut (error-text.ts); "Try again" renders the part anew,
 * and a new `resetKey` (another flow selected) does too.
 */
import { Component, type ComponentChildren } from 'preact';
import { errorText } from './error-text';

interface Props {
  /** Names the part in the page (data-part) and in the console line, e.g. "flow detail", "step 3". */
  label: string;
  /** When this changes, a part that failed is tried again (the same flow reloaded keeps its error). */
  resetKey?: unknown;
  children?: ComponentChildren;
}

interface State {
  error: string | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  /** Preact calls this on the closest boundary above a component that threw while rendering or in an effect. */
  static override getDerivedStateFromError(error: unknown): State {
    return { error: errorText(error) };
  }

  override componentDidCatch(error: unknown): void {
    // Redacted and cut, like the text shown: the raw error may quote a token.
    console.warn(`Grantscope: ${this.props.label} could not be shown: ${errorText(error)}`);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.error !== null && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div class="banner err" role="alert" data-testid="error-boundary" data-part={this.props.label}>
        This part could not be shown: <span class="mono">{error}</span>
        <div>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
