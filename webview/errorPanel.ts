// Shown in place of the diagram when the text does not load: every problem
// with its line and column, and a way back to the text.
import type { ModelError } from '../src/model/types';
import { button, el } from './dom';

export function renderErrorPanel(fileName: string, errors: readonly ModelError[], openAsText: () => void): HTMLElement {
  const list = el('ol', { className: 'error-list' });
  for (const e of errors) {
    list.append(el('li', {},
      el('span', { className: 'error-location', text: `Line ${e.line}, column ${e.column}` }),
      el('span', { className: 'error-message', text: e.message }),
    ));
  }
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return el('div', { className: 'error-panel', attrs: { role: 'alert' } },
    el('h2', { text: `${fileName} cannot be shown as a network` }),
    el('p', { text: `The designer found ${count} in the file. It leaves the file as it is; fix the text and the diagram comes back.` }),
    list,
    button('Open as JSON', openAsText, { className: 'btn primary' }),
  );
}
