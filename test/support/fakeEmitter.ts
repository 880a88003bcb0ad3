// The event emitter of the VS Code stand-ins: listeners are called at once, in the order they subscribed.
type Listener<T> = (value: T) => unknown;

export class FakeEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  /** Calls every listener; resolves when the promises they return have settled. */
  async fire(value: T): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(value)));
  }
}
