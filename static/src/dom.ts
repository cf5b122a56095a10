// A tiny DOM builder for the Custom UI pages. Text always goes in through
// textContent, never innerHTML, so no value from Jira or users becomes markup.
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | ((e: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else el.setAttribute(name, value);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

export function mount(...children: Child[]): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren(
    ...children
      .filter((c): c is Node | string => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}

/** The resolvers answer {error:{code,message}} on failure; show it, never throw raw objects. */
export function errorOf(result: unknown): string | undefined {
  const e = (result as { error?: { code?: string; message?: string } } | null)?.error;
  return e ? `${e.code ?? 'ERROR'}: ${e.message ?? 'something went wrong'}` : undefined;
}
