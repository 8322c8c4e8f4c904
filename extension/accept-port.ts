// Which ports the service worker accepts, and what each one is for: the panel's port steers the
// capture of the tabs its messages name; the devtools page's port says once which tab its DevTools
// window inspects, and holds that tab's capture until it closes (DevTools closed).

import type { CaptureTransport } from '../src/ui/protocol.ts';
import type { Connection } from './capture-service.ts';
import { createCapturePortTransport, DEVTOOLS_PORT_NAME, isDevtoolsMessage, PANEL_PORT_NAME, type WorkerPort } from './port-transport.ts';

/** The capture service, as the ports see it. */
export interface PortConsumer {
  connectPanel(transport: CaptureTransport): Connection;
  connectDevtools(tabId: number): Connection;
}

/** `runtime.onConnect`'s port; `extensionId` is this extension's (`chrome.runtime.id`). */
export function acceptPort(port: WorkerPort, extensionId: string, service: PortConsumer): void {
  // Only the extension's own pages may connect (onConnect never hears web pages without
  // externally_connectable), but check anyway: the port's sender must be this extension.
  if (port.sender?.id !== extensionId) {
    port.disconnect();
    return;
  }
  switch (port.name) {
    case PANEL_PORT_NAME: {
      let open = true;
      const close = (closedHere: boolean): void => {
        if (!open) return;
        open = false;
        connection.disconnect(closedHere);
      };
      // Closed by the panel (onDisconnect), or here when a message could not be posted: then the
      // panel connects again, and the service keeps its tabs held meanwhile.
      const connection = service.connectPanel(createCapturePortTransport(port, () => close(true)));
      port.onDisconnect.addListener(() => close(false));
      return;
    }
    case DEVTOOLS_PORT_NAME: {
      const onMessage = (message: unknown): void => {
        if (!isDevtoolsMessage(message)) return;
        port.onMessage.removeListener(onMessage);
        const connection = service.connectDevtools(message.tabId);
        port.onDisconnect.addListener(() => connection.disconnect());
      };
      port.onMessage.addListener(onMessage);
      return;
    }
    default:
      // No page of this extension opens another port; one that did would get no answer.
      return;
  }
}
