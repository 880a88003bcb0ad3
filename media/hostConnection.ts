// The webview's side of its protocol. acquireVsCodeApi may be called only once per webview, so each script
// connects once: messages from the host are checked against the protocol before the script sees them, the
// saved state is checked before it is trusted (an older version may have written it), and the script sends
// through a function typed by the protocol.
import { parseWith, type WebviewProtocol } from '../src/webviews/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostConnection<ToHost, State> {
  post(message: ToHost): void;
  /** The saved state, or undefined when there is none or it does not fit the protocol. */
  getState(): State | undefined;
  setState(state: State): void;
}

export function connectToHost<ToWebview, ToHost, State>(
  protocol: WebviewProtocol<ToWebview, ToHost, State>,
  receive?: (message: ToWebview) => void,
): HostConnection<ToHost, State> {
  const api = acquireVsCodeApi();
  if (receive)
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = parseWith(protocol.toWebview, event.data);
      if (parsed.ok) receive(parsed.value);
      else console.warn(`${protocol.name} webview: ignored an invalid message (${parsed.problem})`);
    });
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      const saved = api.getState();
      if (saved === undefined || saved === null) return undefined;
      const parsed = parseWith(protocol.state, saved);
      return parsed.ok ? parsed.value : undefined;
    },
    setState: (state) => api.setState(state),
  };
}
