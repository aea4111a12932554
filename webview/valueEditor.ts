// The inline editor for one weight or bias, opened where the user clicked
// (as in TensorFlow Playground). Enter commits a finite number, Escape cancels.
import { el } from './dom';

export class ValueEditor {
  private readonly box: HTMLDivElement;
  private readonly label: HTMLSpanElement;
  private readonly input: HTMLInputElement;
  private commit: ((value: number) => void) | undefined;
  private returnFocus: Element | null = null;

  constructor(parent: HTMLElement) {
    this.label = el('span', { className: 'value-editor-label' });
    this.input = el('input', { className: 'number', attrs: { 'aria-label': 'New value' } });
    this.input.type = 'number';
    this.input.step = 'any';
    this.box = el('div', { className: 'value-editor', attrs: { role: 'dialog' } }, this.label, this.input);
    this.box.hidden = true;
    parent.append(this.box);
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        const v = Number(this.input.value);
        if (this.input.value.trim() !== '' && Number.isFinite(v)) {
          this.commit?.(v);
          this.close();
        } else {
          this.input.setAttribute('aria-invalid', 'true');
        }
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.input.addEventListener('blur', () => this.close(false));
  }

  get isOpen(): boolean {
    return !this.box.hidden;
  }

  open(title: string, value: number, at: { x: number; y: number }, commit: (value: number) => void): void {
    this.returnFocus = document.activeElement;
    this.commit = commit;
    this.label.textContent = title;
    this.box.setAttribute('aria-label', `Edit ${title}`);
    this.input.value = String(value);
    this.input.removeAttribute('aria-invalid');
    this.box.hidden = false;
    const host = this.box.parentElement!.getBoundingClientRect();
    const x = Math.min(at.x - host.left + 8, host.width - this.box.offsetWidth - 8);
    const y = Math.min(at.y - host.top + 8, host.height - this.box.offsetHeight - 8);
    this.box.style.left = `${Math.max(8, x)}px`;
    this.box.style.top = `${Math.max(8, y)}px`;
    this.input.focus();
    this.input.select();
  }

  close(restoreFocus = true): void {
    if (this.box.hidden) return;
    this.box.hidden = true;
    this.commit = undefined;
    const target = this.returnFocus;
    if (restoreFocus && (target instanceof HTMLElement || target instanceof SVGElement)) target.focus();
  }
}
