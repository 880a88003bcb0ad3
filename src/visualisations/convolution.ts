// 2-D convolution (cross-correlation, as deep-learning frameworks compute it) and pooling on a single-channel image.

export type Grid = number[][];

/** floor((W - K + 2P) / S) + 1, the size of each spatial output dimension; 0 if the kernel does not fit. */
export function outputSize(input: number, kernel: number, padding: number, stride: number): number {
  if (stride < 1) throw new RangeError('stride must be at least 1');
  const span = input - kernel + 2 * padding;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

export function pad(image: Grid, padding: number): Grid {
  const width = (image[0]?.length ?? 0) + 2 * padding;
  const blank = (): number[] => new Array<number>(width).fill(0);
  const rows = image.map((row) => [
    ...new Array<number>(padding).fill(0),
    ...row,
    ...new Array<number>(padding).fill(0),
  ]);
  return [...Array.from({ length: padding }, blank), ...rows, ...Array.from({ length: padding }, blank)];
}

/** out[i][j] = Σ_{u,v} in[i·S + u][j·S + v] · k[u][v] over the zero-padded input; the kernel is not flipped. */
export function convolve2d(image: Grid, kernel: Grid, stride = 1, padding = 0): Grid {
  const padded = pad(image, padding);
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const oh = outputSize(image.length, kh, padding, stride);
  const ow = outputSize(image[0]?.length ?? 0, kw, padding, stride);
  return Array.from({ length: oh }, (_, i) =>
    Array.from({ length: ow }, (_, j) => {
      let sum = 0;
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) sum += padded[i * stride + u]![j * stride + v]! * kernel[u]![v]!;
      return sum;
    }),
  );
}

export type PoolKind = 'max' | 'average';

/** Non-overlapping (or strided) pooling windows with no padding, like nn.MaxPool2d(size, stride). */
export function pool2d(image: Grid, size: number, stride: number, kind: PoolKind): Grid {
  const oh = outputSize(image.length, size, 0, stride);
  const ow = outputSize(image[0]?.length ?? 0, size, 0, stride);
  return Array.from({ length: oh }, (_, i) =>
    Array.from({ length: ow }, (_, j) => {
      const window: number[] = [];
      for (let u = 0; u < size; u++)
        for (let v = 0; v < size; v++) window.push(image[i * stride + u]![j * stride + v]!);
      return kind === 'max' ? Math.max(...window) : window.reduce((a, b) => a + b, 0) / window.length;
    }),
  );
}

export const KERNEL_PRESETS = {
  'sobel-x': {
    label: 'Sobel (vertical edges)',
    kernel: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  'sobel-y': {
    label: 'Sobel (horizontal edges)',
    kernel: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
  blur: {
    label: 'Box blur',
    kernel: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
  },
  gaussian: {
    label: 'Gaussian blur',
    kernel: [
      [1 / 16, 2 / 16, 1 / 16],
      [2 / 16, 4 / 16, 2 / 16],
      [1 / 16, 2 / 16, 1 / 16],
    ],
  },
  sharpen: {
    label: 'Sharpen',
    kernel: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  },
  identity: {
    label: 'Identity',
    kernel: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
  },
} as const satisfies Record<string, { label: string; kernel: Grid }>;

export type KernelPreset = keyof typeof KERNEL_PRESETS;

export function presetKernel(preset: KernelPreset): Grid {
  return KERNEL_PRESETS[preset].kernel.map((row) => [...row]);
}

/** An 8×8 test image: a bright square on the right half with a bright bar below, so both edge directions show. */
export function sampleImage(size = 8): Grid {
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) =>
      (j >= size / 2 && i >= 1 && i < size - 2) || (i === size - 2 && j >= 1 && j < size - 1) ? 1 : 0,
    ),
  );
}

/** The input window behind one output cell, in the coordinates of the zero-padded input. */
export interface Patch {
  row: number;
  column: number;
  size: number;
}

/** Output (i, j) reads the K×K window starting at (i·S, j·S) of the padded input. */
export function patchOf(i: number, j: number, kernelSize: number, stride: number): Patch {
  return { row: i * stride, column: j * stride, size: kernelSize };
}

export function inPatch(patch: Patch, row: number, column: number): boolean {
  return (
    row >= patch.row && row < patch.row + patch.size && column >= patch.column && column < patch.column + patch.size
  );
}

/** True for the cells of the padded input that are padding (outside the original image). */
export function isPadding(row: number, column: number, imageSize: number, padding: number): boolean {
  return row < padding || column < padding || row >= imageSize + padding || column >= imageSize + padding;
}

/** The terms of one output cell: input value × kernel weight over its patch, and their sum. */
export function patchProducts(
  padded: Grid,
  kernel: Grid,
  patch: Patch,
): { terms: { input: number; weight: number }[]; sum: number } {
  const terms = kernel.flatMap((row, u) =>
    row.map((weight, v) => ({ input: padded[patch.row + u]![patch.column + v]!, weight })),
  );
  return { terms, sum: terms.reduce((total, term) => total + term.input * term.weight, 0) };
}
