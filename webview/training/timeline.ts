// The epoch timeline: a slider over the epochs the session kept. Moving it
// asks the host for that epoch's snapshot; "Live" returns to the latest.
import { button, el } from '../dom';
import { nearestIndex } from './viewmodel/series';
import { FrameScheduler } from './frame';

export interface TimelineHandlers {
  scrub(epoch: number): void;
  live(): void;
  replay(): void;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLElement;
  private readonly note: HTMLElement;
  private readonly liveButton: HTMLButtonElement;
  private readonly replayButton: HTMLButtonElement;
  private epochs: readonly number[] = [];
  private pending: number | undefined;

  constructor(handlers: TimelineHandlers) {
    // Dragging fires many input events; the host is asked for one epoch per frame, the latest.
    const ask = new FrameScheduler(() => {
      if (this.pending !== undefined) handlers.scrub(this.pending);
      this.pending = undefined;
    });
    this.slider = el('input', { className: 'timeline-slider', attrs: { type: 'range', min: '0', max: '0', step: '1', 'aria-label': 'Epoch to show' } });
    this.label = el('span', { className: 'timeline-label', attrs: { 'aria-live': 'polite' } });
    this.slider.addEventListener('input', () => {
      const epoch = this.epochs[Number(this.slider.value)];
      if (epoch === undefined) return;
      this.slider.setAttribute('aria-valuetext', `Epoch ${epoch}`);
      this.label.textContent = `Epoch ${epoch}`;
      this.pending = epoch;
      ask.request();
    });
    this.liveButton = button('Live', () => handlers.live(), { className: 'btn secondary', ariaLabel: 'Follow the latest epoch' });
    this.replayButton = button('↺ Replay flow', () => handlers.replay(), { className: 'btn secondary', ariaLabel: 'Replay the backward flow of the shown epoch' });
    // On a line of its own below the slider, so a long note never runs under the buttons.
    this.note = el('div', { className: 'timeline-note', attrs: { 'aria-live': 'polite' } });
    this.element = el('div', { className: 'timeline' }, this.slider, this.label, this.replayButton, this.liveButton, this.note);
  }

  /** `shown` is the epoch on screen; `live` whether it follows the latest; `note` is shown below the slider. */
  update(epochs: readonly number[], shown: number | undefined, live: boolean, note?: string): void {
    this.epochs = epochs;
    this.slider.max = String(Math.max(0, epochs.length - 1));
    this.slider.disabled = epochs.length < 2;
    const index = shown === undefined ? -1 : nearestIndex(epochs, shown);
    if (index >= 0 && document.activeElement !== this.slider) this.slider.value = String(index);
    const text = shown === undefined ? 'No epochs yet' : `Epoch ${shown}${live ? ' (live)' : ''}`;
    this.note.textContent = note ?? '';
    this.note.hidden = !note;
    this.label.textContent = text;
    this.slider.setAttribute('aria-valuetext', text);
    this.liveButton.disabled = live;
    this.liveButton.setAttribute('aria-pressed', String(live));
    this.replayButton.disabled = shown === undefined || shown === 0;
  }
}
