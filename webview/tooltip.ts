// One tooltip element, filled with text nodes only (names come from the file).
export class Tooltip {
  private readonly el: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.el = document.createElement('div');
    this.el.className = 'tooltip';
    this.el.setAttribute('role', 'tooltip');
    this.el.hidden = true;
    parent.append(this.el);
  }

  show(event: MouseEvent, lines: readonly string[]): void {
    this.el.replaceChildren(
      ...lines.map((text, k) => {
        const div = document.createElement('div');
        div.className = k === 0 ? 'tooltip-title' : 'tooltip-line';
        div.textContent = text;
        return div;
      }),
    );
    this.el.hidden = false;
    const host = this.el.parentElement!.getBoundingClientRect();
    const x = event.clientX - host.left + 14;
    const y = event.clientY - host.top + 14;
    const maxX = host.width - this.el.offsetWidth - 4;
    this.el.style.left = `${Math.max(4, Math.min(x, maxX))}px`;
    this.el.style.top = `${Math.max(4, Math.min(y, host.height - this.el.offsetHeight - 4))}px`;
  }

  hide(): void {
    this.el.hidden = true;
  }
}
