// What a layer class needs to compute its parameter count and output shape, and how its call's
// arguments are read by name or position, with the framework's defaults.
import type { Shape } from './shapes';
import { known, unknown, type Size } from './size';
import type { Value } from './values';

export type ModelFramework = 'pytorch' | 'keras' | 'flax';

export interface LayerResult {
  /** Trainable parameters, with the formula. */
  trainable: Size;
  /** Parameters that are state, not learnt (BatchNorm running mean and variance). */
  nonTrainable?: Size;
  output: Shape | undefined;
}

/** A wrapped layer (`Bidirectional(LSTM(64))`), already bound to its own arguments. */
export type InnerLayer = (input: Shape | undefined, all: readonly (Shape | undefined)[]) => LayerResult;

export interface LayerSpec {
  /** Positional parameter names after `self`, in order. */
  signature: readonly string[];
  /**
   * `input` is the tensor the layer is applied to; `all` every tensor passed to the call, in order, a list
   * argument spread (`Concatenate()([a, b])`, `attention(query, value)`).
   */
  compute(args: LayerArgs, input: Shape | undefined, all: readonly (Shape | undefined)[]): LayerResult;
  /** Which tensor argument of the call sizes the layer (Flax cells are called as `cell(carry, x)`). */
  inputArgument?: number;
  /** The call returns a tuple whose first item is the output (`out, (h, c) = lstm(x)`). */
  returnsTuple?: boolean;
}

/** A call's evaluated arguments, read by parameter name. */
export class LayerArgs {
  constructor(
    private readonly signature: readonly string[],
    private readonly positional: readonly Value[],
    private readonly keyword: Readonly<Record<string, Value>>,
    private readonly inners: ReadonlyMap<string, InnerLayer> = new Map(),
  ) {}

  get(name: string): Value | undefined {
    if (name in this.keyword) return this.keyword[name];
    const at = this.signature.indexOf(name);
    return at >= 0 ? this.positional[at] : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** An integer argument; its default when absent; the unknown named after the parameter when it cannot be read. */
  size(name: string, fallback?: number): Size {
    const value = this.get(name);
    if (value === undefined) return fallback === undefined ? unknown(name) : known(fallback);
    if (value.kind === 'size') return value.size;
    if (value.kind === 'tuple' && value.items.length === 1) return this.sizeOf(value.items[0]!, name);
    return this.sizeOf(value, name);
  }

  private sizeOf(value: Value, name: string): Size {
    if (value.kind === 'size') return value.size;
    return unknown(value.kind === 'unknown' && value.text !== '?' ? value.text : name);
  }

  /** An int-or-tuple argument (`kernel_size=3` or `(3, 3)`) spread over `rank` dimensions. */
  sizes(name: string, rank: number, fallback?: number | readonly number[]): Size[] {
    const value = this.get(name);
    if (value === undefined || value.kind === 'none') {
      if (fallback === undefined)
        return Array.from({ length: rank }, (_, i) => unknown(rank === 1 ? name : `${name}[${i}]`));
      return Array.from({ length: rank }, (_, i) =>
        known(typeof fallback === 'number' ? fallback : (fallback[i] ?? fallback[0]!)),
      );
    }
    if (value.kind === 'tuple' && value.items.length === rank)
      return value.items.map((item, i) => this.sizeOf(item, `${name}[${i}]`));
    if (value.kind === 'tuple' && value.items.length === 1)
      return Array.from({ length: rank }, () => this.sizeOf(value.items[0]!, name));
    return Array.from({ length: rank }, () => this.sizeOf(value, name));
  }

  /** A boolean argument: its default when absent, null when it cannot be read. */
  flag(name: string, fallback: boolean): boolean | null {
    const value = this.get(name);
    if (value === undefined) return fallback;
    if (value.kind === 'bool') return value.value;
    if (value.kind === 'none') return false;
    if (value.kind === 'size' && value.size.value !== null) return value.size.value !== 0;
    return null;
  }

  /** A string argument (lower-cased, as the frameworks compare them), its default, or null when unreadable. */
  text(name: string, fallback: string): string | null {
    const value = this.get(name);
    if (value === undefined || value.kind === 'none') return fallback;
    return value.kind === 'string' ? value.value.toLowerCase() : null;
  }

  /** The `(low, high)`-free part of a padding argument: an int or tuple, or a string such as 'same'. */
  padding(name: string, rank: number, fallback: number | string): Size[] | string | null {
    const value = this.get(name);
    if (value === undefined) return typeof fallback === 'string' ? fallback : this.sizes(name, rank, fallback);
    if (value.kind === 'string') return value.value.toLowerCase();
    if (value.kind === 'size' || value.kind === 'tuple') return this.sizes(name, rank, 0);
    return null;
  }

  inner(name: string): InnerLayer | undefined {
    return this.inners.get(name);
  }
}
