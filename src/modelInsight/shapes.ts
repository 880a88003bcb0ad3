// Tensor shapes with possibly unknown dimensions. The first dimension is the batch; a leading `*`
// stands for any number of leading dimensions, when even the rank is unknown.
import { isKnown, known, unknown, type Size } from './size';

export interface Shape {
  readonly dims: readonly Size[];
}

export const ANY_LEADING = unknown('*');
export const UNKNOWN_DIM = unknown('?');

export function shapeOf(dims: readonly Size[]): Shape {
  return { dims };
}

/** `(None, 26, 26, 32)`; null when nothing but the batch is known. */
export function describeShape(shape: Shape | undefined): string | null {
  if (!shape || shape.dims.length === 0) return null;
  if (shape.dims.slice(1).every((dim) => !isKnown(dim) && (dim.text === '?' || dim.text === '*'))) return null;
  return `(${shape.dims.map((dim) => (isKnown(dim) ? String(dim.value) : dim.text)).join(', ')})`;
}

export function lastDim(shape: Shape | undefined): Size | undefined {
  return shape && shape.dims.length > 1 ? shape.dims[shape.dims.length - 1] : undefined;
}

/** The same shape with the last dimension replaced; `(*, size)` when the input is unknown. */
export function withLast(shape: Shape | undefined, size: Size): Shape {
  if (!shape || shape.dims.length < 2) return shapeOf([ANY_LEADING, size]);
  return shapeOf([...shape.dims.slice(0, -1), size]);
}

/** Size of the spatial dimensions (between batch and channels, or after channels when channels come first). */
export function spatialDims(shape: Shape | undefined, rank: number, channelsFirst: boolean): Size[] {
  if (!shape || shape.dims.length !== rank + 2) return Array.from({ length: rank }, () => UNKNOWN_DIM);
  return channelsFirst ? [...shape.dims.slice(2)] : [...shape.dims.slice(1, -1)];
}

export function channelDim(shape: Shape | undefined, rank: number, channelsFirst: boolean): Size | undefined {
  if (!shape || shape.dims.length !== rank + 2) return undefined;
  return channelsFirst ? shape.dims[1] : shape.dims[shape.dims.length - 1];
}

export function batchDim(shape: Shape | undefined, fallback: Size): Size {
  return shape && shape.dims.length > 0 && shape.dims[0]!.text !== '*' ? shape.dims[0]! : fallback;
}

/** A channels-first or channels-last image shape from its parts. */
export function imageShape(batch: Size, spatial: readonly Size[], channels: Size, channelsFirst: boolean): Shape {
  return shapeOf(channelsFirst ? [batch, channels, ...spatial] : [batch, ...spatial, channels]);
}

/** A sliding window's output length: PyTorch's floor((in + 2p - d(k-1) - 1)/s) + 1 (`ceil` with ceil_mode). */
export function windowOutput(
  input: Size,
  kernel: Size,
  stride: Size,
  padding: Size,
  dilation: Size = known(1),
  ceil = false,
): Size {
  if (
    !isKnown(input) ||
    !isKnown(kernel) ||
    !isKnown(stride) ||
    !isKnown(padding) ||
    !isKnown(dilation) ||
    stride.value <= 0
  )
    return UNKNOWN_DIM;
  const span = input.value + 2 * padding.value - dilation.value * (kernel.value - 1) - 1;
  const out = (ceil ? Math.ceil(span / stride.value) : Math.floor(span / stride.value)) + 1;
  return out > 0 ? known(out) : UNKNOWN_DIM;
}

/** TensorFlow's padding rules: 'same' gives ceil(in/s), 'valid' ceil((in - d(k-1))/s). */
export function tfWindowOutput(
  input: Size,
  kernel: Size,
  stride: Size,
  padding: string,
  dilation: Size = known(1),
): Size {
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation) || stride.value <= 0)
    return UNKNOWN_DIM;
  if (padding === 'same') return known(Math.ceil(input.value / stride.value));
  if (padding !== 'valid') return UNKNOWN_DIM;
  const out = Math.ceil((input.value - dilation.value * (kernel.value - 1)) / stride.value);
  return out > 0 ? known(out) : UNKNOWN_DIM;
}

/** A transposed convolution's output length: (in-1)s - 2p + d(k-1) + output_padding + 1. */
export function transposedOutput(
  input: Size,
  kernel: Size,
  stride: Size,
  padding: Size,
  outputPadding: Size,
  dilation: Size,
): Size {
  if (![input, kernel, stride, padding, outputPadding, dilation].every(isKnown)) return UNKNOWN_DIM;
  return known(
    (input.value! - 1) * stride.value! -
      2 * padding.value! +
      dilation.value! * (kernel.value! - 1) +
      outputPadding.value! +
      1,
  );
}

/** Product of all dimensions after the batch: what a flatten produces. */
export function flattenedSize(dims: readonly Size[]): Size {
  if (dims.length === 0) return UNKNOWN_DIM;
  if (!dims.every(isKnown)) return UNKNOWN_DIM;
  return known(dims.reduce((total, dim) => total * dim.value!, 1));
}
