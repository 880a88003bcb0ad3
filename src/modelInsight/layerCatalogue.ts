// Every layer class the model summary knows, by canonical symbol, and the containers that hold layers.
import { FLAX_LAYERS } from './flaxLayers';
import { KERAS_LAYERS } from './kerasLayers';
import type { LayerSpec, ModelFramework } from './layerSpec';
import { TORCH_LAYERS } from './torchLayers';

export function layerSpecFor(canonicalSymbol: string): LayerSpec | undefined {
  return TORCH_LAYERS.get(canonicalSymbol) ?? KERAS_LAYERS.get(canonicalSymbol) ?? FLAX_LAYERS.get(canonicalSymbol);
}

/** Containers run their layers in order (Sequential) or just hold them (ModuleList); they have no weights of their own. */
export const SEQUENTIAL_CONTAINERS = new Set([
  'torch.nn.Sequential',
  'keras.Sequential',
  'keras.models.Sequential',
  'flax.linen.Sequential',
  'flax.nnx.Sequential',
]);
export const HOLDING_CONTAINERS = new Set([
  'torch.nn.ModuleList',
  'torch.nn.ModuleDict',
  'flax.nnx.List',
  // Data-parallel wrappers own no parameters: they share the wrapped module's.
  'torch.nn.parallel.DistributedDataParallel',
  'torch.nn.DataParallel',
  'torch.nn.parallel.DataParallel',
]);

/** Wrappers whose argument is a layer counted as part of the wrapper, not as a row of its own. */
export const WRAPPERS = new Set(['keras.layers.Bidirectional', 'keras.layers.TimeDistributed', 'flax.linen.RNN']);

/** Base classes that make a class a model (or a layer that can be part of one). */
export const MODEL_BASES: ReadonlyMap<string, ModelFramework> = new Map([
  ['torch.nn.Module', 'pytorch'],
  ['pytorch_lightning.LightningModule', 'pytorch'],
  ['torch.nn.Sequential', 'pytorch'],
  ['keras.Model', 'keras'],
  ['keras.models.Model', 'keras'],
  ['keras.layers.Layer', 'keras'],
  ['flax.linen.Module', 'flax'],
  ['flax.nnx.Module', 'flax'],
]);

/** The framework a canonical symbol belongs to, for models built from a call (`keras.Sequential([...])`). */
export function modelFrameworkOf(canonicalSymbol: string): ModelFramework | undefined {
  if (canonicalSymbol.startsWith('torch.')) return 'pytorch';
  if (canonicalSymbol.startsWith('keras.')) return 'keras';
  if (canonicalSymbol.startsWith('flax.')) return 'flax';
  return undefined;
}
