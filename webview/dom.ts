// Small DOM builders. Text always goes through textContent, never innerHTML,
// because layer and column names come from the file.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

export function button(label: string, onClick: () => void, props: { className?: string; ariaLabel?: string; title?: string } = {}): HTMLButtonElement {
  const b = el('button', { className: props.className ?? 'btn', text: label, title: props.title ?? props.ariaLabel ?? '' });
  b.type = 'button';
  if (props.ariaLabel) b.setAttribute('aria-label', props.ariaLabel);
  b.addEventListener('click', onClick);
  return b;
}

export function select<T extends string>(options: readonly { value: T; label: string }[], value: T, onChange: (v: T) => void, ariaLabel: string): HTMLSelectElement {
  const s = el('select', { className: 'select', attrs: { 'aria-label': ariaLabel } });
  for (const o of options) {
    const opt = el('option', { text: o.label });
    opt.value = o.value;
    s.append(opt);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value as T));
  return s;
}

/** A number field that reports only valid values, on change (Enter or blur). */
export function numberField(
  value: number,
  onChange: (v: number) => void,
  opts: { ariaLabel: string; min?: number; max?: number; step?: string; integer?: boolean },
): HTMLInputElement {
  const input = el('input', { className: 'number', attrs: { 'aria-label': opts.ariaLabel } });
  input.type = 'number';
  input.value = String(value);
  if (opts.min !== undefined) input.min = String(opts.min);
  if (opts.max !== undefined) input.max = String(opts.max);
  input.step = opts.step ?? (opts.integer ? '1' : 'any');
  input.addEventListener('change', () => {
    const v = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(v) && (!opts.integer || Number.isInteger(v))
      && (opts.min === undefined || v >= opts.min) && (opts.max === undefined || v <= opts.max);
    if (ok && v !== value) onChange(v);
    else if (!ok) input.value = String(value);
  });
  return input;
}

export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return el('label', { className: 'field' }, el('span', { className: 'field-label', text: label }), control);
}
