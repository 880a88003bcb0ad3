// The summary of one model: its layers in the order the code defines them, their counts and output shapes.
import type { LayerArgs, ModelFramework } from './layerSpec';
import type { Shape } from './shapes';
import type { Size } from './size';

export interface LayerRow {
  /** 0-based position of the layer's constructor call. */
  line: number;
  column: number;
  /** Canonical symbol (`torch.nn.Conv2d`) or the class name of a module defined in the file. */
  symbol: string;
  /** The attribute or variable holding it, when there is one. */
  name?: string;
  /** Trainable parameters with the formula; unknown parts named. */
  params: Size;
  /** State that is not trained (BatchNorm running statistics), when the layer has some. */
  nonTrainable?: Size;
  outputShape: Shape | undefined;
  /** How many copies the code builds, when more than one. */
  copies?: Size;
  /** The call's evaluated arguments (library layers only), for questions about this layer. */
  args?: LayerArgs;
  /** The shape of the tensor it was first applied to, when the analysis could follow it. */
  inputShape?: Shape;
}

export interface ModelSummary {
  name: string;
  /** 0-based line of the class or of the call that builds the model. */
  line: number;
  framework: ModelFramework;
  kind: 'class' | 'sequential' | 'functional';
  layers: LayerRow[];
  /** Trainable total; unknown when any layer's count is. */
  total: Size;
  nonTrainable: Size;
}
