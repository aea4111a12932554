// Per-epoch line charts (loss, accuracy) drawn with d3: train, test and
// validation lines with a legend naming each, and on hover a rule at the
// nearest epoch with every series' value there.
import { axisBottom, axisLeft, line, pointer, scaleLinear, select, type Selection } from 'd3';
import { formatValue } from '../viewmodel/equation';

export interface ChartSeries {
  name: string;
  /** Value of epoch k + 1 at index k; null or NaN for a gap. */
  values: readonly (number | null)[];
  /** A CSS class that picks the line's theme colour. */
  className: string;
}

const WIDTH = 300;
const HEIGHT = 130;
const M = { top: 8, right: 10, bottom: 20, left: 44 };

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export class LineChart {
  readonly element: HTMLElement;
  private readonly svg: Svg;
  private readonly readout: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly label: Selection<SVGTitleElement, unknown, null, undefined>;
  private series: ChartSeries[] = [];

  constructor(private readonly title: string, private readonly fixedDomain?: [number, number]) {
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    const caption = document.createElement('figcaption');
    caption.className = 'chart-title';
    caption.textContent = title;
    this.readout = document.createElement('div');
    this.readout.className = 'chart-readout';
    this.readout.setAttribute('aria-live', 'off');
    this.legend = document.createElement('ul');
    this.legend.className = 'chart-legend';
    this.element.append(caption, this.legend);
    this.svg = select(this.element).append('svg')
      .attr('class', 'chart-svg')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('role', 'img');
    // A <title> names the chart for screen readers without an aria-label that label lookups would also match.
    this.label = this.svg.append<SVGTitleElement>('title');
    this.element.append(this.readout);
    this.svg.append('g').attr('class', 'axis x').attr('transform', `translate(0,${HEIGHT - M.bottom})`);
    this.svg.append('g').attr('class', 'axis y').attr('transform', `translate(${M.left},0)`);
    this.svg.append('g').attr('class', 'lines');
    this.svg.append('line').attr('class', 'hover-rule').attr('y1', M.top).attr('y2', HEIGHT - M.bottom).attr('display', 'none');
    this.svg.append('rect').attr('class', 'hover-area')
      .attr('x', M.left).attr('y', M.top).attr('width', WIDTH - M.left - M.right).attr('height', HEIGHT - M.top - M.bottom)
      .on('mousemove', (event: MouseEvent) => this.hover(pointer(event, this.svg.node())[0]))
      .on('mouseleave', () => this.hover(undefined));
  }

  private epochs(): number {
    return Math.max(0, ...this.series.map((s) => s.values.length));
  }

  private x(): ReturnType<typeof scaleLinear<number, number>> {
    return scaleLinear().domain([1, Math.max(2, this.epochs())]).range([M.left, WIDTH - M.right]);
  }

  private y(): ReturnType<typeof scaleLinear<number, number>> {
    if (this.fixedDomain) return scaleLinear().domain(this.fixedDomain).range([HEIGHT - M.bottom, M.top]);
    const all = this.series.flatMap((s) => s.values.filter(finite));
    // No epochs yet: a plain 0–1 axis rather than one scaled to a placeholder.
    const hi = all.length === 0 ? 1 : Math.max(1e-6, ...all);
    return scaleLinear().domain([0, hi]).nice().range([HEIGHT - M.bottom, M.top]);
  }

  update(series: ChartSeries[]): void {
    this.series = series.filter((s) => s.values.some(finite));
    const x = this.x();
    const y = this.y();
    // Epochs are whole numbers: no tick between two of them.
    const epochTicks = x.ticks(5).filter((t) => Number.isInteger(t));
    this.svg.select<SVGGElement>('g.axis.x').call(axisBottom(x).tickValues(epochTicks).tickSizeOuter(0).tickFormat((d) => String(d)));
    this.svg.select<SVGGElement>('g.axis.y').call(axisLeft(y).ticks(4).tickSizeOuter(0));
    const path = line<number | null>()
      .defined((v) => finite(v))
      .x((_, k) => x(k + 1))
      .y((v) => y(v ?? 0));
    this.svg.select('g.lines').selectAll<SVGPathElement, ChartSeries>('path.series')
      .data(this.series, (s) => s.name)
      .join('path')
      .attr('class', (s) => `series ${s.className}`)
      .attr('d', (s) => path([...s.values]));
    this.drawLegend();
    const last = this.epochs();
    const summary = this.series.map((s) => `${s.name} ${formatValue(s.values[last - 1] ?? NaN, 4)}`).join(', ');
    this.label.text(last ? `${this.title} chart: epoch ${last}, ${summary}` : `${this.title} chart: no epochs yet`);
    this.readout.textContent = last ? `epoch ${last}: ${summary}` : 'No epochs yet';
  }

  /** One entry per drawn line, with a sample of its stroke; rebuilt only when the set of lines changes. */
  private drawLegend(): void {
    const key = this.series.map((s) => `${s.name}:${s.className}`).join('|');
    if (this.legend.dataset.key === key) return;
    this.legend.dataset.key = key;
    this.legend.replaceChildren(...this.series.map((s) => {
      const item = document.createElement('li');
      const sample = document.createElement('span');
      sample.className = `chart-key ${s.className}`;
      sample.setAttribute('aria-hidden', 'true');
      item.append(sample, s.name);
      return item;
    }));
    this.legend.hidden = this.series.length === 0;
  }

  private hover(px: number | undefined): void {
    const rule = this.svg.select('line.hover-rule');
    const last = this.epochs();
    if (px === undefined || last === 0) {
      rule.attr('display', 'none');
      this.update(this.series);
      return;
    }
    const x = this.x();
    const epoch = Math.min(last, Math.max(1, Math.round(x.invert(px))));
    rule.attr('display', null).attr('x1', x(epoch)).attr('x2', x(epoch));
    this.readout.textContent = `epoch ${epoch}: ${this.series.map((s) => `${s.name} ${formatValue(s.values[epoch - 1] ?? NaN, 4)}`).join(', ')}`;
  }
}
