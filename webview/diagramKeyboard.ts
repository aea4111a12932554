// Roving tabindex over layer headers and neurons: one element of the diagram is
// in the tab order, arrow keys move it, Enter activates, Escape leaves focus mode.
import { moveCursor, type Cursor, type Move } from './viewmodel/focus';

const KEYS: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

export interface KeyboardHandlers {
  visible(): readonly number[];
  activate(cursor: Cursor): void;
  escape(): void;
}

export function elementFor(svg: SVGSVGElement, cursor: Cursor): SVGElement | null {
  return cursor.neuron === undefined
    ? svg.querySelector<SVGElement>(`g.layer-header[data-column="${cursor.column}"]`)
    : svg.querySelector<SVGElement>(`g.neuron[data-column="${cursor.column}"][data-neuron="${cursor.neuron}"]`);
}

export class RovingFocus {
  cursor: Cursor = { column: 0, neuron: undefined };

  constructor(private readonly svg: SVGSVGElement, private readonly handlers: KeyboardHandlers) {
    svg.addEventListener('keydown', (event) => this.onKey(event));
    svg.addEventListener('focusin', (event) => this.onFocusIn(event));
  }

  /** After every render: exactly one focusable element has tabindex 0. */
  sync(): void {
    const visible = this.handlers.visible();
    if (this.cursor.column >= visible.length) this.cursor = { column: 0, neuron: undefined };
    if (this.cursor.neuron !== undefined && this.cursor.neuron >= visible[this.cursor.column]!) {
      this.cursor = { column: this.cursor.column, neuron: undefined };
    }
    for (const el of this.svg.querySelectorAll<SVGElement>('.focusable')) el.setAttribute('tabindex', '-1');
    elementFor(this.svg, this.cursor)?.setAttribute('tabindex', '0');
  }

  private onFocusIn(event: FocusEvent): void {
    const el = (event.target as Element).closest<SVGElement>('.focusable');
    if (!el) return;
    const column = Number(el.dataset.column);
    const neuron = el.dataset.neuron === undefined ? undefined : Number(el.dataset.neuron);
    if (Number.isFinite(column)) {
      this.cursor = { column, neuron };
      this.sync();
    }
  }

  private onKey(event: KeyboardEvent): void {
    const move = KEYS[event.key];
    if (move) {
      event.preventDefault();
      this.cursor = moveCursor(this.cursor, move, this.handlers.visible());
      this.sync();
      elementFor(this.svg, this.cursor)?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.handlers.activate(this.cursor);
    } else if (event.key === 'Escape') {
      this.handlers.escape();
    }
  }
}
