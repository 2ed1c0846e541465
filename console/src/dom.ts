import { ApiError } from './api.ts';
import { t } from './i18n.ts';

type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | EventListener | undefined>;

/** A tiny element builder: attributes (on* are listeners), then children; text is never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

let tooltipCount = 0;
/**
 * A term with an explanation on hover and on keyboard focus (WAI tooltip pattern): the trigger is
 * focusable and described by the tooltip, so screen readers read it too.
 */
export function withTooltip(label: Child, content: Node | string): HTMLElement {
  tooltipCount += 1;
  const id = `tip-${tooltipCount}`;
  return h('span', { class: 'has-tip' }, h('span', { class: 'tip-trigger', tabindex: 0, 'aria-describedby': id }, label), h('span', { class: 'tip', role: 'tooltip', id }, content));
}

/** A problem+json shown to the operator: title, detail and each field's message. */
export function problemView(error: unknown): HTMLElement {
  if (error instanceof ApiError) {
    const { problem } = error;
    return h(
      'div',
      { class: 'problem', role: 'alert' },
      h('strong', {}, `${t('error')} ${problem.status}: ${problem.title}`),
      problem.detail ? h('p', {}, problem.detail) : null,
      problem.errors?.length ? h('ul', {}, problem.errors.map((entry) => h('li', {}, h('code', {}, entry.field), ` — ${entry.message}`))) : null,
    );
  }
  return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, t('error')), h('p', {}, (error as Error)?.message ?? String(error)));
}

export function table(headers: string[], rows: Node[][], caption?: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, t('empty'));
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))),
  );
}

export const text = (value: unknown): Text => document.createTextNode(value === undefined || value === null ? '' : String(value));

/** A labelled form field: every input has a visible label bound by id. */
let fieldCount = 0;
export function field(label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): HTMLElement {
  fieldCount += 1;
  control.id ||= `field-${fieldCount}`;
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}
