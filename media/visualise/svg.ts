// Small hand-written SVG plotting: scales, axes, lines, rectangles and labels. Colours come from CSS classes.

const SVG_NS = 'http://www.w3.org/2000/svg';

type Attributes = Record<string, string | number>;

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

export type Scale = (value: number) => number;

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

export interface Plot {
  svg: SVGSVGElement;
  /** Drawing layer, cleared on every redraw; axes live outside it. */
  layer: SVGGElement;
  x: Scale;
  y: Scale;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface PlotOptions {
  width?: number;
  height?: number;
  x: [number, number];
  y: [number, number];
  xLabel?: string;
  yLabel?: string;
  xTicks?: readonly number[];
  yTicks?: readonly number[];
  tickFormat?: (value: number) => string;
  yTickFormat?: (value: number) => string;
}

/** Empties `svg` and draws axes for the given domains; returns scales into the plotting area. */
export function setUpPlot(svg: SVGSVGElement, options: PlotOptions): Plot {
  const width = options.width ?? 360;
  const height = options.height ?? 220;
  const margin = { top: 10, right: 12, bottom: options.xLabel ? 36 : 22, left: options.yLabel ? 52 : 40 };
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const x = linearScale(options.x, [margin.left, width - margin.right]);
  const y = linearScale(options.y, [height - margin.bottom, margin.top]);
  const axes = svgElement('g', { class: 'axes' }, svg);
  const format = options.tickFormat ?? ((v: number) => String(Math.round(v * 100) / 100));
  const yFormat = options.yTickFormat ?? format;
  svgElement(
    'line',
    {
      x1: margin.left,
      x2: width - margin.right,
      y1: height - margin.bottom,
      y2: height - margin.bottom,
      class: 'axis',
    },
    axes,
  );
  svgElement(
    'line',
    { x1: margin.left, x2: margin.left, y1: margin.top, y2: height - margin.bottom, class: 'axis' },
    axes,
  );
  for (const t of options.xTicks ?? []) {
    svgElement('line', { x1: x(t), x2: x(t), y1: margin.top, y2: height - margin.bottom, class: 'grid' }, axes);
    label(axes, x(t), height - margin.bottom + 13, format(t), 'tick middle');
  }
  for (const t of options.yTicks ?? []) {
    svgElement('line', { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'grid' }, axes);
    label(axes, margin.left - 4, y(t) + 3, yFormat(t), 'tick end');
  }
  if (options.xLabel)
    label(axes, (margin.left + width - margin.right) / 2, height - 4, options.xLabel, 'axis-label middle');
  if (options.yLabel) {
    const text = label(axes, 0, 0, options.yLabel, 'axis-label middle');
    text.setAttribute('transform', `translate(11 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`);
  }
  const layer = svgElement('g', { class: 'layer' }, svg);
  return { svg, layer, x, y, width, height, margin };
}

export function label(parent: Element, x: number, y: number, text: string, className = ''): SVGTextElement {
  const element = svgElement('text', { x, y, class: className }, parent);
  element.textContent = text;
  return element;
}

export function polyline(
  plot: Plot,
  points: readonly (readonly [number, number])[],
  className: string,
): SVGPolylineElement {
  const coordinates = points.map(([px, py]) => `${plot.x(px).toFixed(2)},${plot.y(py).toFixed(2)}`).join(' ');
  return svgElement('polyline', { points: coordinates, class: `series ${className}` }, plot.layer);
}

export function dot(plot: Plot, px: number, py: number, className: string, r = 3.5): SVGCircleElement {
  return svgElement('circle', { cx: plot.x(px), cy: plot.y(py), r, class: className }, plot.layer);
}

/** A figure with an accessible name; the readouts beside it carry the numbers for screen readers. */
export function figureSvg(name: string, size: 'normal' | 'small' = 'normal'): SVGSVGElement {
  return svgElement('svg', { role: 'img', 'aria-label': name, class: size === 'small' ? 'figure small' : 'figure' });
}

/** Cell shading by magnitude: positive and negative values get different theme colours. */
export function shadeCell(rect: SVGRectElement, value: number, maxMagnitude: number): void {
  rect.setAttribute('class', `cell ${value >= 0 ? 'positive' : 'negative'}`);
  rect.setAttribute(
    'fill-opacity',
    String(maxMagnitude === 0 ? 0 : Math.min(1, Math.abs(value) / maxMagnitude) * 0.85 + 0.05),
  );
}
