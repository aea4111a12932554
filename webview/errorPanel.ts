// Shown in place of the diagram when the text does not load: every problem,
// each with a link to its place in the text editor and, where one obviously
// applies, the host's quick fixes as buttons. Text from the file stays text.
import type { ModelError } from '../src/model/types';
import { button, el } from './dom';

export interface ErrorPanelActions {
  openAsText(): void;
  /** Show the error's range in a text editor beside the designer. */
  reveal(error: ModelError): void;
  /** Apply fix `fix` of error `error` (indices into the state's errors and fixes). */
  applyFix(error: number, fix: number): void;
}

/** The loader ends each message with "(line L, column C)"; the panel shows the place once, as the link. */
export function withoutLocation(message: string, error: Pick<ModelError, 'line' | 'column'>): string {
  const suffix = ` (line ${error.line}, column ${error.column})`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

export function renderErrorPanel(
  fileName: string,
  errors: readonly ModelError[],
  fixes: readonly (readonly string[])[] | undefined,
  actions: ErrorPanelActions,
): HTMLElement {
  const list = el('ol', { className: 'error-list' });
  errors.forEach((e, index) => {
    const place = `Line ${e.line}, column ${e.column}`;
    const item = el('li', {},
      button(place, () => actions.reveal(e), { className: 'error-location', title: `Show ${place.toLowerCase()} in the text editor` }),
      el('span', { className: 'error-message', text: withoutLocation(e.message, e) }),
    );
    const titles = fixes?.[index] ?? [];
    if (titles.length > 0) {
      item.append(el('div', { className: 'error-fixes' },
        ...titles.map((title, fix) => button(title, () => actions.applyFix(index, fix), { className: 'btn secondary error-fix' })),
      ));
    }
    list.append(item);
  });
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return el('div', { className: 'error-panel', attrs: { role: 'alert' } },
    el('h2', { text: `${fileName} cannot be shown as a network` }),
    el('p', { text: `The designer found ${count} in the file. It leaves the file as it is; fix the text and the diagram comes back.` }),
    list,
    button('Open as JSON', actions.openAsText, { className: 'btn primary' }),
  );
}
