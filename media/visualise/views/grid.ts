// Draws a numeric grid (image, kernel output, tensor) as shaded SVG cells with optional numbers.
import { figureSvg, label, shadeCell, svgElement } from '../svg';

export interface GridOptions {
  cell?: number;
  showValues?: boolean;
  digits?: number;
  /** Cells to outline, e.g. the axis a normalisation averages over. */
  highlight?: (row: number, column: number) => boolean;
  /** Colour scale maximum; defaults to the grid's own largest magnitude. */
  maxMagnitude?: number;
  /** The text shown in a cell instead of its number (a masked score as −∞). */
  valueText?: (row: number, column: number, value: number) => string | undefined;
  /** An extra class for a cell's frame, e.g. the padding ring. */
  frameClass?: (row: number, column: number) => string | undefined;
}

export function drawGrid(svg: SVGSVGElement, grid: readonly (readonly number[])[], options: GridOptions = {}): void {
  const cell = options.cell ?? 26;
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${Math.max(1, columns * cell + 2)} ${Math.max(1, rows * cell + 2)}`);
  svg.setAttribute('width', String(columns * cell + 2));
  const max = options.maxMagnitude ?? Math.max(0, ...grid.flat().map(Math.abs));
  grid.forEach((row, i) =>
    row.forEach((value, j) => {
      const x = 1 + j * cell;
      const y = 1 + i * cell;
      const shade = svgElement('rect', { x, y, width: cell, height: cell, 'data-row': i, 'data-column': j }, svg);
      shadeCell(shade, value, max);
      const extra = options.frameClass?.(i, j);
      svgElement(
        'rect',
        {
          x,
          y,
          width: cell,
          height: cell,
          class: extra ? `cell-frame ${extra}` : 'cell-frame',
          'data-row': i,
          'data-column': j,
        },
        svg,
      );
      if (options.highlight?.(i, j))
        svgElement('rect', { x: x + 1.5, y: y + 1.5, width: cell - 3, height: cell - 3, class: 'highlight' }, svg);
      if (options.showValues)
        label(
          svg,
          x + cell / 2,
          y + cell / 2 + 3.5,
          options.valueText?.(i, j, value) ?? trim(value, options.digits ?? 1),
          'cell-label middle',
        );
    }),
  );
}

function trim(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? '0' : text.replace(/\.?0+$/, '');
}

export function gridFigure(name: string): SVGSVGElement {
  const svg = figureSvg(name);
  svg.classList.add('grid-figure');
  return svg;
}
