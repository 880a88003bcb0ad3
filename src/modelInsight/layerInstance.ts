// One layer object written in the code (`nn.Conv2d(1, 32, 3)`), with what the analysis learns about it.
import type { Statement } from '../scanner/statements';
import type { Expression } from './expressions';
import type { LayerArgs, LayerResult, LayerSpec } from './layerSpec';
import type { Shape } from './shapes';
import { product, unknown, type Size } from './size';
import type { ModelSummary } from './modelSummary';

export type CallExpression = Extract<Expression, { type: 'call' }>;

export interface LayerInstance {
  /** Canonical symbol of a library layer, or the name of a model class of this file. */
  symbol: string;
  call: CallExpression;
  statement: Statement;
  spec?: LayerSpec;
  args?: LayerArgs;
  /** A model class of this file used as a layer, analysed with the arguments it is built with. */
  submodel?: ModelSummary;
  container?: 'sequential' | 'holding';
  children: LayerInstance[];
  /** How many copies the code builds (`[Block() for _ in range(n)]`); 1 for a plain call. */
  multiplicity: Size;
  /** The attribute or variable it is stored in (`conv1` for `self.conv1 = ...`). */
  name?: string;
  /** Part of a wrapper (`Bidirectional(LSTM(64))`): counted by the wrapper. */
  wrapped: boolean;
  /** Something that may hold parameters the analysis cannot count (a module from elsewhere, a base layer class). */
  opaque?: boolean;
  /** The tensors of its first application, when the code applies it where the analysis can follow. */
  applied?: { input: Shape | undefined; all: readonly (Shape | undefined)[] };
  /** When the output shape was worked out by a container or the data flow. */
  output?: Shape;
  /** Applied again to a tensor of another shape (one pooling layer after two convolutions): no single output shape. */
  reused?: boolean;
}

/** The layer's count and output for what is known of its input. */
export function layerResult(instance: LayerInstance): LayerResult | undefined {
  if (!instance.spec || !instance.args) return undefined;
  return instance.spec.compute(
    instance.args,
    instance.applied?.input,
    instance.applied?.all ?? [instance.applied?.input],
  );
}

/** Trainable parameters of all copies of this layer. */
export function instanceParams(instance: LayerInstance): { trainable: Size; nonTrainable?: Size } | undefined {
  const result = instance.opaque
    ? { trainable: unknown('unknown') }
    : instance.submodel
      ? { trainable: instance.submodel.total, nonTrainable: instance.submodel.nonTrainable }
      : layerResult(instance);
  if (!result) return undefined;
  const times = (size: Size | undefined): Size | undefined =>
    size === undefined || instance.multiplicity.value === 1 ? size : product(instance.multiplicity, size);
  return { trainable: times(result.trainable)!, nonTrainable: times(result.nonTrainable) };
}
