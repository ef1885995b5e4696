/**
 * Just enough of a DOM for Preact to render into under node, so components can be unit-tested
 * without a browser or a DOM library (house style 7). Test-only: nothing in the extension imports it.
 * It keeps a tree of nodes, their attributes and listeners, and reads back text; no layout, no CSS,
 * no parsing (and so no markup: text is only ever set as text).
 */

type Listener = (e: unknown) => void;

export class FakeNode {
  parentNode: FakeElement | null = null;
  childNodes: FakeNode[] = [];
  constructor(
    readonly nodeType: number,
    readonly ownerDocument: FakeDocument,
  ) {}

  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }

  get nextSibling(): FakeNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

export class FakeText extends FakeNode {
  constructor(
    public data: string,
    doc: FakeDocument,
  ) {
    super(3, doc);
  }

  override get textContent(): string {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  readonly attributes: { name: string; value: string }[] = [];
  readonly style: Record<string, string> & { setProperty(name: string, value: string): void } = Object.assign(Object.create(null) as Record<string, string>, {
    setProperty(this: Record<string, string>, name: string, value: string) {
      this[name] = value;
    },
  });
  readonly listeners = new Map<string, Listener>();
  readonly namespaceURI = 'http://www.w3.org/1999/xhtml';

  constructor(
    readonly localName: string,
    doc: FakeDocument,
  ) {
    super(1, doc);
  }

  get nodeName(): string {
    return this.localName.toUpperCase();
  }

  getAttribute(name: string): string | null {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }

  setAttribute(name: string, value: unknown): void {
    const a = this.attributes.find((x) => x.name === name);
    if (a) a.value = String(value);
    else this.attributes.push({ name, value: String(value) });
  }

  removeAttribute(name: string): void {
    const i = this.attributes.findIndex((a) => a.name === name);
    if (i !== -1) this.attributes.splice(i, 1);
  }

  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, fn);
  }

  removeEventListener(type: string): void {
    this.listeners.delete(type);
  }

  insertBefore(node: FakeNode, ref: FakeNode | null): FakeNode {
    node.remove();
    const i = ref ? this.childNodes.indexOf(ref) : -1;
    if (i === -1) this.childNodes.push(node);
    else this.childNodes.splice(i, 0, node);
    node.parentNode = this;
    return node;
  }

  appendChild(node: FakeNode): FakeNode {
    return this.insertBefore(node, null);
  }

  removeChild(node: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(node);
    if (i !== -1) this.childNodes.splice(i, 1);
    node.parentNode = null;
    return node;
  }

  /** Elements below this one (itself excluded) that match the test, in document order. */
  findAll(test: (e: FakeElement) => boolean): FakeElement[] {
    const out: FakeElement[] = [];
    const stack: FakeNode[] = [...this.childNodes].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n instanceof FakeElement) {
        if (test(n)) out.push(n);
        stack.push(...[...n.childNodes].reverse());
      }
    }
    return out;
  }

  /** Elements carrying data-testid (or another attribute) with this value. */
  byAttr(name: string, value: string): FakeElement[] {
    return this.findAll((e) => e.getAttribute(name) === value);
  }

  /** Sends a click to this element's onClick, as Preact registered it. */
  click(): void {
    // Preact's listener reads its handlers from `this`, as a browser calls it.
    this.listeners.get('click')?.call(this, { type: 'click', target: this, currentTarget: this });
  }
}

export class FakeDocument {
  createElement(name: string): FakeElement {
    return new FakeElement(name, this);
  }

  createElementNS(_ns: string, name: string): FakeElement {
    return new FakeElement(name, this);
  }

  createTextNode(data: string): FakeText {
    return new FakeText(String(data), this);
  }
}

/** The little of `window` components use: focus and hashchange listeners, kept and never fired. */
export class FakeWindow {
  readonly listeners = new Map<string, Listener>();
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, fn);
  }
  removeEventListener(type: string): void {
    this.listeners.delete(type);
  }
}

const GLOBALS = ['document', 'window'] as const;
let saved: Partial<Record<(typeof GLOBALS)[number], unknown>> | undefined;

/** A fresh document and a root element to render into; `document` and `window` are set for Preact and hooks. */
export function fakeRoot(): FakeElement {
  const g = globalThis as Record<string, unknown>;
  saved ??= Object.fromEntries(GLOBALS.map((k) => [k, g[k]]));
  const doc = new FakeDocument();
  Object.assign(g, { document: doc, window: new FakeWindow() });
  return doc.createElement('div');
}

/** Puts `document` and `window` back as they were before fakeRoot (call after unmounting). */
export function releaseFakeDom(): void {
  if (!saved) return;
  const g = globalThis as Record<string, unknown>;
  for (const k of GLOBALS) {
    if (saved[k] === undefined) delete g[k];
    else g[k] = saved[k];
  }
  saved = undefined;
}
