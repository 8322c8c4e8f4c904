// For the unit tests of the ports (accept-port.test.ts, port-transport.test.ts): an event of a
// fake `runtime.Port` that the test fires by hand.

export class FakeEvent<Listener extends (...args: never[]) => void> {
  readonly listeners = new Set<Listener>();
  addListener(listener: Listener): void {
    this.listeners.add(listener);
  }
  removeListener(listener: Listener): void {
    this.listeners.delete(listener);
  }
  emit(...args: Parameters<Listener>): void {
    for (const listener of [...this.listeners]) listener(...args);
  }
}
