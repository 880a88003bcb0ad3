// One LSTM cell step with a scalar input and a scalar state, so every gate is one readable number.
import { sigmoid } from './activations';

export interface GateWeights {
  /** Weight on the input x_t. */
  wx: number;
  /** Weight on the previous hidden state h_(t-1). */
  wh: number;
  bias: number;
}

export interface LstmParams {
  forget: GateWeights;
  input: GateWeights;
  output: GateWeights;
  candidate: GateWeights;
}

export interface LstmStep {
  x: number;
  forget: number;
  input: number;
  output: number;
  candidate: number;
  cell: number;
  hidden: number;
}

function pre(g: GateWeights, x: number, h: number): number {
  return g.wx * x + g.wh * h + g.bias;
}

/**
 * f = σ(·), i = σ(·), o = σ(·), g = tanh(·) of (w_x·x + w_h·h + b);
 * c_t = f·c_(t-1) + i·g;  h_t = o·tanh(c_t).
 */
export function lstmStep(params: LstmParams, x: number, h: number, c: number): LstmStep {
  const forget = sigmoid(pre(params.forget, x, h));
  const input = sigmoid(pre(params.input, x, h));
  const output = sigmoid(pre(params.output, x, h));
  const candidate = Math.tanh(pre(params.candidate, x, h));
  const cell = forget * c + input * candidate;
  return { x, forget, input, output, candidate, cell, hidden: output * Math.tanh(cell) };
}

export function runLstm(params: LstmParams, sequence: readonly number[], h0 = 0, c0 = 0): LstmStep[] {
  const steps: LstmStep[] = [];
  let h = h0;
  let c = c0;
  for (const x of sequence) {
    const step = lstmStep(params, x, h, c);
    steps.push(step);
    h = step.hidden;
    c = step.cell;
  }
  return steps;
}

/**
 * Hand-picked weights: the candidate follows the input, so spikes are written into the cell with strength
 * set by the input-gate bias, and the forget bias decides how long they stay.
 */
export function toyParams(forgetBias: number, inputBias = 1, outputBias = 1): LstmParams {
  return {
    forget: { wx: 0, wh: 0.5, bias: forgetBias },
    input: { wx: 0, wh: 0, bias: inputBias },
    output: { wx: 0, wh: 0.5, bias: outputBias },
    candidate: { wx: 2, wh: 0, bias: 0 },
  };
}

/** A toy sequence: a spike to remember, quiet steps, a negative spike, quiet again. */
export const TOY_SEQUENCE: readonly number[] = [1, 0, 0, 0, -1, 0, 0, 0];
