/** The parts of `runtime.MessageSender` that decide whether a message may be acted on. */
export interface MessageSender {
  readonly id?: string;
  readonly url?: string;
  readonly frameId?: number;
  readonly tab?: { readonly id?: number };
}

/**
 * True when `sender` is this extension's page at `pageUrl` (any query or fragment), as the top-level
 * document: in a tab that means frame 0; a view without a tab (the toolbar popup) has no frames of
 * other sites around it. A web-accessible page framed by a site has a frameId other than 0.
 */
export function isTopLevelSender(sender: MessageSender, expected: { readonly extensionId: string; readonly pageUrl: string }): boolean {
  if (sender.id !== expected.extensionId || typeof sender.url !== 'string') return false;
  const url = sender.url;
  const page = expected.pageUrl;
  const samePage = url === page || url.startsWith(`${page}#`) || url.startsWith(`${page}?`);
  if (!samePage) return false;
  if (sender.tab === undefined) return sender.frameId === undefined || sender.frameId === 0;
  return sender.frameId === 0;
}
