// The training toolbar: the session commands, the status line, the view
// toggle (weights, gradients, Δweights) and the backward sweep's speed.
import type { TrainingCommand } from '../../src/protocol/webview';
import { button, el } from '../dom';
import { TRAINING_COMMANDS } from './viewmodel/commands';
import { MODE_LABELS, type TrainingMode } from './viewmodel/paint';

export interface ToolbarHandlers {
  command(command: TrainingCommand): void;
  mode(mode: TrainingMode): void;
  speed(speed: number): void;
}

export class TrainingToolbar {
  /** The commands and the status line. */
  readonly element: HTMLElement;
  /** The view toggle and the sweep speed, placed by the caller next to the timeline. */
  readonly viewElement: HTMLElement;
  private readonly buttons = new Map<TrainingCommand, HTMLButtonElement>();
  private readonly modes = new Map<TrainingMode, HTMLButtonElement>();
  private readonly status: HTMLElement;
  private readonly speed: HTMLInputElement;

  constructor(handlers: ToolbarHandlers, speed: number) {
    const commands = el('div', { className: 'training-commands', attrs: { role: 'toolbar', 'aria-label': 'Training' } });
    for (const info of TRAINING_COMMANDS) {
      const b = button('', () => handlers.command(info.command), { className: `btn train-btn cmd-${info.command}`, ariaLabel: info.aria });
      b.dataset.command = info.command;
      // The label hides on narrow editors; the glyph and the aria-label stay.
      b.append(el('span', { className: 'glyph-icon', text: info.glyph, attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'btn-label', text: info.label }));
      this.buttons.set(info.command, b);
      commands.append(b);
    }
    const modes = el('div', { className: 'mode-toggle', attrs: { role: 'radiogroup', 'aria-label': 'Diagram shows' } });
    for (const mode of Object.keys(MODE_LABELS) as TrainingMode[]) {
      const b = button(MODE_LABELS[mode], () => handlers.mode(mode), { className: 'btn secondary mode-btn', ariaLabel: `Show ${MODE_LABELS[mode].toLowerCase()}` });
      b.setAttribute('role', 'radio');
      b.dataset.mode = mode;
      this.modes.set(mode, b);
      modes.append(b);
    }
    // A radio group moves with the arrow keys, and only its checked radio is in the tab order.
    modes.addEventListener('keydown', (event) => {
      const order = [...this.modes.keys()];
      const current = order.findIndex((m) => this.modes.get(m)!.getAttribute('aria-checked') === 'true');
      const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = order[(current + step + order.length) % order.length]!;
      handlers.mode(next);
      for (const [m, b] of this.modes) b.setAttribute('aria-checked', String(m === next));
      this.modes.get(next)!.focus();
    });
    this.speed = el('input', { className: 'sweep-speed', attrs: { type: 'range', min: '1', max: '10', step: '1', 'aria-label': 'Backward sweep speed' } });
    this.speed.value = String(speed);
    this.speed.addEventListener('input', () => handlers.speed(Number(this.speed.value)));
    this.status = el('span', { className: 'training-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.element = el('div', { className: 'training-bar' }, commands, this.status);
    this.viewElement = el('div', { className: 'view-controls' },
      modes,
      el('label', { className: 'speed-field', title: 'Backward sweep speed' }, el('span', { text: 'Sweep' }), this.speed),
    );
  }

  /** `session` false: nothing to show in another view yet, so the toggle and the speed stay out of the way (and the tab order). */
  update(enabled: ReadonlySet<TrainingCommand>, status: string, mode: TrainingMode, session: boolean): void {
    for (const [command, b] of this.buttons) {
      b.disabled = !enabled.has(command);
      // Pause and Resume share a place: only the one that applies is shown.
      if (command === 'resume') b.hidden = !enabled.has('resume');
      if (command === 'pause') b.hidden = enabled.has('resume');
    }
    this.status.textContent = status;
    for (const [m, b] of this.modes) {
      b.setAttribute('aria-checked', String(m === mode));
      b.tabIndex = m === mode ? 0 : -1;
      b.disabled = !session;
      b.classList.toggle('active', m === mode);
    }
  }

  setSweepDisabled(disabled: boolean): void {
    this.speed.disabled = disabled;
  }
}
