// Finds the models a Python file defines and summarises each: PyTorch and Flax module classes, Keras
// subclassed models, Sequential models, and Keras functional models (`keras.Model(inputs, outputs)`).
import { collectBindings } from '../scanner/bindings';
import type { CallSite, ScanResult } from '../scanner/scanner';
import { headerOf, type Scope, type Statement } from '../scanner/statements';
import { canonicalSymbol } from '../scanner/symbols';
import { Flow, tensor, union, type FlowHost, type FlowValue, type Tensor } from './dataflow';
import { dottedName, parseExpression, positionKey, type Expression } from './expressions';
import { KERAS_FUNCTIONAL_MERGES, kerasInputShape } from './kerasLayers';
import {
  HOLDING_CONTAINERS,
  layerSpecFor,
  MODEL_BASES,
  modelFrameworkOf,
  SEQUENTIAL_CONTAINERS,
  WRAPPERS,
} from './layerCatalogue';
import { instanceParams, layerResult, type CallExpression, type LayerInstance } from './layerInstance';
import { LayerArgs, type InnerLayer, type LayerSpec, type ModelFramework } from './layerSpec';
import type { LayerRow, ModelSummary } from './modelSummary';
import { describeShape, shapeOf, type Shape } from './shapes';
import { isKnown, known, product, sum, unknown, type Size } from './size';
import { Evaluator, FileStatements, NO_BINDINGS, type Bindings, type Value } from './values';

const INPUT_SYMBOLS = new Set(['keras.Input', 'keras.layers.Input', 'keras.layers.InputLayer']);
const FUNCTIONAL_MODELS = new Set(['keras.Model', 'keras.models.Model']);
const FORWARD_METHODS = new Set(['forward', 'call', '__call__']);
/** Methods that build a model's layers once; layers built in other methods may be built any number of times. */
const BUILDING_METHODS = new Set(['__init__', 'setup', 'build', '__post_init__']);
/** Libraries whose calls never return a module with parameters (`torch.zeros`, `math.sqrt`, `np.ones`). */
const SAFE_ROOTS =
  /^(?:math|numpy|random|collections|typing|functools|itertools|os|re|dataclasses|torch\.(?!nn\.)[a-z_]+$)/;
/** A layer class of a framework, by its canonical symbol. */
const LIBRARY_LAYER = /^(?:torch\.nn|keras\.layers|flax\.linen|flax\.nnx)\.[A-Z]\w*$/;
/** Methods that move or cast a module and return it. */
const SAME_MODULE_METHODS = new Set([
  'to',
  'cuda',
  'cpu',
  'float',
  'double',
  'half',
  'bfloat16',
  'train',
  'eval',
  'requires_grad_',
]);
const BUILTINS = new Set([
  'int',
  'float',
  'str',
  'bool',
  'list',
  'dict',
  'tuple',
  'set',
  'len',
  'range',
  'max',
  'min',
  'sum',
  'round',
  'abs',
  'super',
  'print',
  'isinstance',
  'sorted',
  'zip',
  'enumerate',
  'map',
  'filter',
]);
const MAX_NESTING = 6;

interface ModelClass {
  scope: Scope;
  header: Statement;
  framework: ModelFramework;
  /** A library layer class it extends (`class Layer(nn.Linear)`), whose weights its constructor makes. */
  extendsLayer?: string;
}

export interface FileModels {
  models: ModelSummary[];
  /** The layer whose constructor call starts at this 0-based position, with its count, wherever it is. */
  layerAt(line: number, column: number): LayerRow | undefined;
}

export function analyseModels(scan: ScanResult): FileModels {
  return new ModelAnalysis(scan).run();
}

class ModelAnalysis {
  private readonly file: FileStatements;
  private readonly callsByStart = new Map<string, CallSite>();
  private readonly classes = new Map<string, ModelClass>();
  private readonly rows = new Map<string, LayerRow>();

  constructor(private readonly scan: ScanResult) {
    this.file = new FileStatements(scan.statements);
    for (const call of scan.calls) {
      const key = `${call.range.startLine}:${call.range.startColumn}`;
      if (!this.callsByStart.has(key)) this.callsByStart.set(key, call);
    }
    this.findModelClasses();
  }

  run(): FileModels {
    const models: ModelSummary[] = [];
    for (const [name, modelClass] of this.classes)
      models.push(this.analyseClass(name, modelClass, NO_BINDINGS, 0, true));
    models.push(...this.callModels());
    models.sort((a, b) => a.line - b.line);
    return {
      models,
      layerAt: (line, column) => this.rows.get(`${line}:${column}`) ?? this.looseLayer(line, column),
    };
  }

  // ---- which classes are models

  private findModelClasses(): void {
    const scopes = [...new Set(this.scan.statements.map((statement) => statement.scope))];
    const imports = new Map<string, string>();
    for (const binding of collectBindings(this.scan.statements, scopes).bindings) {
      if (binding.scope.kind === 'module' && binding.importPath) imports.set(binding.name, binding.importPath);
    }
    const bases = new Map<Scope, string[]>();
    for (const scope of scopes) {
      let current: Scope | undefined = scope;
      for (; current; current = current.parent) {
        if (current.kind !== 'class' || bases.has(current)) continue;
        const header = this.file.headerOf(current)!;
        bases.set(current, baseNames(header.tokens));
      }
    }
    // A class is a model when a base is a framework module class, or another model class of this file.
    for (let changed = true; changed;) {
      changed = false;
      for (const [scope, names] of bases) {
        if (this.classes.has(scope.name) || scope.parent?.kind !== 'module') continue;
        const resolved = names.map((name) => {
          const [head, ...rest] = name.split('.');
          const imported = imports.get(head!);
          return { name, base: imported ? canonicalSymbol([imported, ...rest].join('.')) : undefined };
        });
        // A framework class other than the plain module base (`nn.Linear`, `nn.Transformer`) brings weights of its own.
        const extendsLayer = resolved.find(
          ({ base }) => base && !MODEL_BASES.has(base) && LIBRARY_LAYER.test(base),
        )?.base;
        const framework = resolved
          .map(({ name, base }) =>
            base
              ? (MODEL_BASES.get(base) ?? (base === extendsLayer ? modelFrameworkOf(base) : undefined))
              : this.classes.get(name)?.framework,
          )
          .find((found) => found !== undefined);
        if (framework) {
          this.classes.set(scope.name, { scope, header: this.file.headerOf(scope)!, framework, extendsLayer });
          changed = true;
        }
      }
    }
  }

  // ---- layers built by calls

  private symbolOf(call: CallExpression): string | undefined {
    const site = this.callsByStart.get(positionKey(call.first));
    return site?.symbol && dottedName(call.callee) === site.callee ? canonicalSymbol(site.symbol) : undefined;
  }

  private classOf(call: CallExpression): [string, ModelClass] | undefined {
    const name = call.callee.type === 'name' ? call.callee.id : undefined;
    const found = name ? this.classes.get(name) : undefined;
    return name && found ? [name, found] : undefined;
  }

  // ---- class models

  private analyseClass(
    name: string,
    modelClass: ModelClass,
    bindings: Bindings,
    depth: number,
    record: boolean,
  ): ModelSummary {
    const evaluator = new Evaluator(this.file, bindings);
    const builder = new InstanceBuilder(this, evaluator, depth);
    const methods = this.scan.statements.filter(
      (statement) => statement.scope.parent === modelClass.scope && statement.scope.kind === 'function',
    );
    const attributes = new Map<string, LayerInstance>();
    if (modelClass.extendsLayer) builder.opaque(modelClass.header, modelClass.extendsLayer);
    for (const statement of methods) {
      const parsed = this.file.parse(statement);
      const expressions =
        parsed.kind === 'assign'
          ? [parsed.value]
          : parsed.kind === 'expression' || parsed.kind === 'return'
            ? parsed.value
              ? [parsed.value]
              : []
            : [];
      // A helper method (`_make_layer`) may be called any number of times with other arguments.
      const helper = !BUILDING_METHODS.has(statement.scope.name) && !FORWARD_METHODS.has(statement.scope.name);
      const multiplicity = helper ? unknown('calls') : this.loopMultiplicity(statement, evaluator);
      for (const expression of expressions) builder.collect(expression, statement, multiplicity);
      // `self.block.add_module('conv', layer)`: a module registered by name, counted only when it is built here.
      if (
        parsed.kind === 'expression' &&
        parsed.value.type === 'call' &&
        /\.(?:add_module|register_module)$/.test(dottedName(parsed.value.callee) ?? '')
      ) {
        const module = parsed.value.positional[1];
        if (module && !builder.instanceOf(module)) builder.opaque(statement, '(module registered by name)');
      }
      if (parsed.kind === 'assign') {
        const selfTarget = parsed.targets
          .map(dottedName)
          .find((name) => name?.startsWith('self.') && name.split('.').length === 2);
        let instance = builder.instanceOf(parsed.value);
        if (!instance && selfTarget && !helper && parsed.value.type === 'call' && this.mayHoldParameters(parsed.value))
          instance = builder.opaque(statement, describeCallee(parsed.value));
        if (instance && selfTarget) {
          attributes.set(selfTarget.slice(5), instance);
          instance.name ??= selfTarget.slice(5);
        }
      }
    }
    const forward = [...new Set(methods.map((statement) => statement.scope))].find((scope) =>
      FORWARD_METHODS.has(scope.name),
    );
    if (forward) {
      const flow = new Flow(builder.host((attribute) => attributes.get(attribute)));
      const input = this.file.parameters(forward).filter((parameter) => parameter.name !== 'self')[0];
      if (input) flow.names.set(input.name, tensor(record ? this.exampleInput(name) : undefined));
      flow.run(this.file.bodyOf(forward), (statement) => this.file.parse(statement));
    }
    return this.summarise(
      name,
      modelClass.header.tokens[0]!.line,
      modelClass.framework,
      'class',
      builder.all(),
      record,
    );
  }

  /** Used by InstanceBuilder: a model class of the file built with these arguments. */
  submodel(call: CallExpression, statement: Statement, evaluator: Evaluator, depth: number): ModelSummary | undefined {
    const found = this.classOf(call);
    if (!found || depth >= MAX_NESTING) return undefined;
    const [name, modelClass] = found;
    const values = new Map<string, Value>();
    const init = this.scan.statements.find(
      (candidate) => candidate.scope.parent === modelClass.scope && candidate.scope.name === '__init__',
    )?.scope;
    const names = init
      ? this.file
          .parameters(init)
          .map((parameter) => parameter.name)
          .filter((parameter) => parameter !== 'self')
      : this.file
          .bodyOf(modelClass.scope)
          .flatMap((field) =>
            field.tokens[0]?.kind === 'name' && field.tokens[1]?.text === ':' ? [field.tokens[0].text] : [],
          );
    call.positional.forEach((argument, i) => {
      if (names[i]) values.set(names[i]!, evaluator.evaluate(argument, statement));
    });
    for (const [keyword, argument] of Object.entries(call.keyword))
      values.set(keyword, evaluator.evaluate(argument, statement));
    const bindings: Bindings = init ? { functionScope: init, values } : { classScope: modelClass.scope, values };
    return this.analyseClass(name, modelClass, bindings, depth + 1, false);
  }

  /**
   * The shape of an example input the file feeds the model: `model.init(key, jnp.ones((1, 28, 28, 1)))` in
   * Flax, `model(torch.randn(1, 1, 28, 28))` in PyTorch, with `model = ClassName(...)` before.
   */
  private exampleInput(className: string): Shape | undefined {
    const holders = new Set(
      this.scan.calls.flatMap((call) => (call.callee === className && call.assignedTo ? [call.assignedTo] : [])),
    );
    for (const site of this.scan.calls) {
      const holder = site.callee.endsWith('.init') ? site.callee.slice(0, -5) : site.callee;
      if (!holders.has(holder)) continue;
      const statement = this.scan.statements[site.statementIndex]!;
      const call = findCall(this.file.parse(statement), site);
      const argument = call?.positional[site.callee === holder ? 0 : 1];
      const shape = argument && this.arrayShape(argument, statement, 0);
      if (shape) return shape;
    }
    return undefined;
  }

  private arrayShape(expression: Expression, statement: Statement, depth: number): Shape | undefined {
    if (expression.type === 'name' && depth < 3) {
      for (let i = statement.index - 1; i >= 0; i -= 1) {
        const candidate = this.scan.statements[i]!;
        if (candidate.scope !== statement.scope) continue;
        const parsed = this.file.parse(candidate);
        if (parsed.kind === 'assign' && parsed.targets.some((target) => dottedName(target) === expression.id))
          return this.arrayShape(parsed.value, candidate, depth + 1);
      }
      return undefined;
    }
    if (expression.type !== 'call') return undefined;
    const symbol = this.symbolOf(expression) ?? '';
    const evaluator = new Evaluator(this.file);
    const evaluate = (argument: Expression | undefined): Value | undefined =>
      argument ? evaluator.evaluate(argument, statement) : undefined;
    let dims: Value | undefined;
    if (/^torch\.(?:randn|rand|zeros|ones|empty)$/.test(symbol)) {
      const values = expression.positional.map((argument) => evaluator.evaluate(argument, statement));
      dims = values.length === 1 && values[0]!.kind === 'tuple' ? values[0] : { kind: 'tuple', items: values };
    } else if (/^(?:jax\.numpy|numpy)\.(?:ones|zeros|empty)$/.test(symbol))
      dims = evaluate(expression.keyword['shape'] ?? expression.positional[0]);
    else if (/^jax\.random\.(?:normal|uniform)$/.test(symbol))
      dims = evaluate(expression.keyword['shape'] ?? expression.positional[1]);
    if (
      dims?.kind !== 'tuple' ||
      dims.items.length === 0 ||
      !dims.items.every((item) => item.kind === 'size' && isKnown(item.size))
    )
      return undefined;
    return shapeOf(dims.items.map((item) => (item as { size: Size }).size));
  }

  /**
   * Whether a call whose result is stored on the model may bring parameters this analysis cannot count: a
   * framework layer class it does not know, a model from another module or library, anything built indirectly.
   */
  private mayHoldParameters(call: CallExpression): boolean {
    const symbol = this.symbolOf(call);
    if (symbol)
      return (
        (!SAFE_ROOTS.test(symbol) && /(?:^|\.)[A-Z]\w*$/.test(symbol)) ||
        /^(?:torchvision\.models|transformers|timm)\b/.test(symbol)
      );
    const callee = dottedName(call.callee);
    if (callee && BUILTINS.has(callee)) return false;
    return true;
  }

  /** `for _ in range(n):` around a statement builds n copies; any other loop an unknown number; a branch 0 or 1. */
  private loopMultiplicity(statement: Statement, evaluator: Evaluator): Size {
    let indent = statement.indent;
    let count: Size = known(1);
    for (let i = statement.index - 1; i >= statement.scope.firstStatement; i -= 1) {
      const candidate = this.scan.statements[i]!;
      if (candidate.scope !== statement.scope || candidate.indent >= indent) continue;
      indent = candidate.indent;
      const first = candidate.tokens[0]!.text;
      const factor =
        first === 'while'
          ? unknown('loop count')
          : first === 'for'
            ? rangeCount(candidate, evaluator)
            : /^(?:if|elif|else|except)$/.test(first)
              ? unknown('0 or 1')
              : undefined;
      if (factor) count = count.value === 1 ? factor : product(count, factor);
    }
    return count;
  }

  // ---- models built by a call: Sequential and functional

  private callModels(): ModelSummary[] {
    const models: ModelSummary[] = [];
    for (const site of this.scan.calls) {
      const symbol = site.symbol ? canonicalSymbol(site.symbol) : undefined;
      if (!symbol || insideClass(site.scope, this.classes)) continue;
      const isSequential = SEQUENTIAL_CONTAINERS.has(symbol);
      if (!isSequential && !FUNCTIONAL_MODELS.has(symbol)) continue;
      const statement = this.scan.statements[site.statementIndex]!;
      const call = findCall(this.file.parse(statement), site);
      if (!call) continue;
      const framework = modelFrameworkOf(symbol) ?? 'keras';
      const name = site.assignedTo ?? (site.scope.kind === 'function' ? site.scope.name : 'model');
      const evaluator = new Evaluator(this.file);
      const builder = new InstanceBuilder(this, evaluator, 0);
      const line = site.range.startLine;
      if (isSequential) {
        // A Sequential nested in another model's list is part of that model.
        if (this.isNestedLayer(site)) continue;
        const container = builder.collect(call, statement, known(1))!;
        this.addedLayers(site, builder, container);
        const input = this.sequentialInput(container, site, evaluator, builder);
        builder.host(() => undefined).apply(container, [tensor(input)], statement);
        models.push(this.summarise(name, line, framework, 'sequential', builder.all(), true));
      } else {
        const outputs = call.keyword['outputs'] ?? call.positional[1];
        if (!outputs) continue;
        const flow = new Flow(builder.host(() => undefined));
        flow.run(
          this.file.bodyOf(site.scope).filter((candidate) => candidate.index < statement.index),
          (candidate) => this.file.parse(candidate),
        );
        const result = flow.evaluate(outputs, statement);
        const sources = collectSources(result);
        models.push(this.summarise(name, line, framework, 'functional', [...sources], true));
      }
    }
    return models;
  }

  private isNestedLayer(site: CallSite): boolean {
    return this.scan.calls.some((other) => {
      if (other === site || other.statementIndex !== site.statementIndex) return false;
      const symbol = other.symbol ? canonicalSymbol(other.symbol) : '';
      return (
        (SEQUENTIAL_CONTAINERS.has(symbol) || FUNCTIONAL_MODELS.has(symbol)) && contains(other.callRange, site.range)
      );
    });
  }

  /** `model.add(layers.Dense(64))` after `model = keras.Sequential()`. */
  private addedLayers(site: CallSite, builder: InstanceBuilder, container: LayerInstance): void {
    if (!site.assignedTo) return;
    for (const add of this.scan.calls) {
      if (
        add.callee !== `${site.assignedTo}.add` ||
        add.scope !== site.scope ||
        add.statementIndex <= site.statementIndex
      )
        continue;
      const statement = this.scan.statements[add.statementIndex]!;
      const call = findCall(this.file.parse(statement), add);
      const layer = call?.positional[0];
      if (!layer) continue;
      const child = builder.collect(layer, statement, known(1));
      if (child) container.children.push(child);
      else if (layer.type === 'call' && INPUT_SYMBOLS.has(this.symbolOf(layer) ?? ''))
        builder.inputs.set(container, layer);
    }
  }

  /** A Sequential's input: keras.Input first in the list, `input_shape=`/`input_dim=` on the first layer, or `model.build(shape)`. */
  private sequentialInput(
    container: LayerInstance,
    site: CallSite,
    evaluator: Evaluator,
    builder: InstanceBuilder,
  ): Shape | undefined {
    const inputCall = builder.inputs.get(container);
    if (inputCall)
      return kerasInputShape(builder.argsOf(inputCall, container.statement, ['shape', 'batch_size', 'dtype']));
    const first = container.children[0];
    if (first?.args) {
      const declared = kerasInputShape(first.args);
      if (declared) return declared;
      const dim = first.args.get('input_dim');
      if (dim?.kind === 'size') return shapeOf([unknown('None'), dim.size]);
    }
    const build = site.assignedTo
      ? this.scan.calls.find((call) => call.callee === `${site.assignedTo}.build` && call.scope === site.scope)
      : undefined;
    if (build) {
      const statement = this.scan.statements[build.statementIndex]!;
      const call = findCall(this.file.parse(statement), build);
      const shape = call && (call.keyword['input_shape'] ?? call.positional[0]);
      const value = shape && evaluator.evaluate(shape, statement);
      if (value?.kind === 'tuple')
        return shapeOf(
          value.items.map((item, i) => (item.kind === 'size' ? item.size : unknown(i === 0 ? 'None' : '?'))),
        );
    }
    return undefined;
  }

  // ---- rows

  private summarise(
    name: string,
    line: number,
    framework: ModelFramework,
    kind: ModelSummary['kind'],
    instances: LayerInstance[],
    record: boolean,
  ): ModelSummary {
    const layers: LayerRow[] = [];
    const listed = instances.filter((instance) => !instance.wrapped && !instance.container);
    listed.sort((a, b) => a.call.first.line - b.call.first.line || a.call.first.column - b.call.first.column);
    for (const instance of listed) {
      const params = instanceParams(instance);
      if (!params) continue;
      const row: LayerRow = {
        line: instance.call.first.line,
        column: instance.call.first.column,
        symbol: instance.symbol,
        name: instance.name,
        params: params.trainable,
        nonTrainable: params.nonTrainable,
        outputShape: instance.reused ? undefined : (instance.output ?? layerResult(instance)?.output),
        copies: instance.multiplicity.value === 1 ? undefined : instance.multiplicity,
        args: instance.args,
        inputShape: instance.reused ? undefined : instance.applied?.input,
      };
      layers.push(row);
      if (record && !this.rows.has(`${row.line}:${row.column}`)) this.rows.set(`${row.line}:${row.column}`, row);
    }
    const total =
      layers.length === 0
        ? known(0)
        : layers.every((row) => isKnown(row.params))
          ? known(layers.reduce((t, row) => t + row.params.value!, 0))
          : sum(...layers.map((row) => row.params));
    const stateful = layers.flatMap((row) => (row.nonTrainable ? [row.nonTrainable] : []));
    const nonTrainable = stateful.every(isKnown)
      ? known(stateful.reduce((t, size) => t + size.value!, 0))
      : sum(...stateful);
    return { name, line, framework, kind, layers, total, nonTrainable };
  }

  /** A layer outside any model (`layer = nn.Linear(10, 5)`), counted on its own. */
  private looseLayer(line: number, column: number): LayerRow | undefined {
    const site = this.callsByStart.get(`${line}:${column}`);
    const symbol = site?.symbol ? canonicalSymbol(site.symbol) : undefined;
    if (!site || !symbol || !layerSpecFor(symbol)) return undefined;
    const statement = this.scan.statements[site.statementIndex]!;
    const call = findCall(this.file.parse(statement), site);
    if (!call) return undefined;
    const builder = new InstanceBuilder(this, new Evaluator(this.file), 0);
    const instance = builder.collect(call, statement, known(1));
    const params = instance && instanceParams(instance);
    if (!instance || !params) return undefined;
    return {
      line,
      column,
      symbol,
      params: params.trainable,
      nonTrainable: params.nonTrainable,
      outputShape: layerResult(instance)?.output,
      args: instance.args,
    };
  }

  // ---- shared with InstanceBuilder

  resolveLayer(
    call: CallExpression,
  ): { symbol: string; spec?: LayerSpec; container?: 'sequential' | 'holding'; isClass: boolean } | undefined {
    const symbol = this.symbolOf(call);
    if (symbol) {
      if (SEQUENTIAL_CONTAINERS.has(symbol)) return { symbol, container: 'sequential', isClass: false };
      if (HOLDING_CONTAINERS.has(symbol)) return { symbol, container: 'holding', isClass: false };
      const spec = layerSpecFor(symbol);
      return spec ? { symbol, spec, isClass: false } : undefined;
    }
    const found = this.classOf(call);
    return found ? { symbol: found[0], isClass: true } : undefined;
  }

  isInput(call: CallExpression): boolean {
    return INPUT_SYMBOLS.has(this.symbolOf(call) ?? '');
  }

  symbolAt(call: CallExpression): string | undefined {
    return this.symbolOf(call);
  }
}

/** Creates one LayerInstance per constructor call of one analysis, with the arguments evaluated. */
class InstanceBuilder {
  private readonly byStart = new Map<string, LayerInstance>();
  private readonly order: LayerInstance[] = [];
  /** The `keras.Input(...)` that starts a Sequential's list. */
  readonly inputs = new Map<LayerInstance, CallExpression>();

  constructor(
    private readonly analysis: ModelAnalysis,
    private readonly evaluator: Evaluator,
    private readonly depth: number,
  ) {}

  all(): LayerInstance[] {
    return this.order;
  }

  /** The layer an expression builds, seen through `.to(device)`-style calls that return the same module. */
  instanceOf(expression: Expression): LayerInstance | undefined {
    let current = expression;
    while (
      current.type === 'call' &&
      current.callee.type === 'attribute' &&
      SAME_MODULE_METHODS.has(current.callee.name)
    )
      current = current.callee.object;
    return current.type === 'call' && dottedName(current.callee)
      ? this.byStart.get(positionKey(current.first))
      : undefined;
  }

  /** Finds the layers built in an expression, creating their instances; returns the instance the expression itself builds. */
  collect(
    expression: Expression,
    statement: Statement,
    multiplicity: Size,
    wrapped = false,
  ): LayerInstance | undefined {
    switch (expression.type) {
      case 'call': {
        const resolved = dottedName(expression.callee) ? this.analysis.resolveLayer(expression) : undefined;
        if (!resolved) {
          this.collect(expression.callee, statement, multiplicity);
          for (const argument of [...expression.positional, ...Object.values(expression.keyword)])
            this.collect(argument, statement, multiplicity);
          return undefined;
        }
        const key = positionKey(expression.first);
        const existing = this.byStart.get(key);
        if (existing) return existing;
        const instance: LayerInstance = {
          symbol: resolved.symbol,
          call: expression,
          statement,
          spec: resolved.spec,
          container: resolved.container,
          children: [],
          multiplicity,
          wrapped,
        };
        this.byStart.set(key, instance);
        this.order.push(instance);
        if (resolved.container) {
          for (const argument of expression.positional)
            instance.children.push(...this.children(argument, statement, multiplicity, instance));
          // `*layers` built from a local list shows its layers where they are made; `*list(other.children())` does not.
          for (const spread of expression.starred)
            if (spread.type !== 'name') this.opaque(statement, '(layers from elsewhere)');
        } else if (resolved.isClass) {
          instance.submodel = this.analysis.submodel(expression, statement, this.evaluator, this.depth);
        } else {
          const isWrapper = WRAPPERS.has(resolved.symbol);
          const inners = new Map<string, InnerLayer>();
          expression.positional.forEach((argument, i) => {
            const inner = this.collect(argument, statement, multiplicity, isWrapper);
            const name = resolved.spec!.signature[i];
            if (isWrapper && inner?.spec && inner.args && name)
              inners.set(name, (input, all) => inner.spec!.compute(inner.args!, input, all));
          });
          for (const [name, argument] of Object.entries(expression.keyword)) {
            const inner = this.collect(argument, statement, multiplicity, isWrapper);
            if (isWrapper && inner?.spec && inner.args)
              inners.set(name, (input, all) => inner.spec!.compute(inner.args!, input, all));
          }
          instance.args = this.argsOf(expression, statement, resolved.spec!.signature, inners);
        }
        return instance;
      }
      case 'tuple':
      case 'list':
        for (const item of expression.items) this.collect(item, statement, multiplicity);
        return undefined;
      case 'comprehension':
        this.collect(
          expression.element,
          statement,
          product(multiplicity, rangeOf(expression.iterable, statement, this.evaluator)),
        );
        return undefined;
      case 'binary':
        this.collect(expression.left, statement, multiplicity);
        this.collect(expression.right, statement, multiplicity);
        return undefined;
      case 'attribute':
        this.collect(expression.object, statement, multiplicity);
        return undefined;
      default:
        return undefined;
    }
  }

  /** The layers listed in a container's argument, in order: calls, list items, OrderedDict pairs, comprehensions. */
  private children(
    expression: Expression,
    statement: Statement,
    multiplicity: Size,
    container: LayerInstance,
  ): LayerInstance[] {
    if (expression.type === 'call') {
      if (this.analysis.isInput(expression)) {
        this.inputs.set(container, expression);
        return [];
      }
      const instance = this.collect(expression, statement, multiplicity);
      if (instance) return [instance];
      return expression.positional.flatMap((argument) => this.children(argument, statement, multiplicity, container));
    }
    if (expression.type === 'tuple' || expression.type === 'list')
      return expression.items.flatMap((item) => this.children(item, statement, multiplicity, container));
    if (expression.type === 'comprehension') {
      return this.children(
        expression.element,
        statement,
        product(multiplicity, rangeOf(expression.iterable, statement, this.evaluator)),
        container,
      );
    }
    return [];
  }

  /** A row for something that may hold parameters the analysis cannot count; its count stays unknown. */
  opaque(statement: Statement, symbol: string): LayerInstance {
    const first = statement.tokens[0]!;
    const call: CallExpression = {
      type: 'call',
      callee: { type: 'name', id: symbol, first },
      positional: [],
      keyword: {},
      starred: [],
      first,
    };
    const instance: LayerInstance = {
      symbol,
      call,
      statement,
      children: [],
      multiplicity: known(1),
      wrapped: false,
      opaque: true,
    };
    this.order.push(instance);
    return instance;
  }

  argsOf(
    call: CallExpression,
    statement: Statement,
    signature: readonly string[],
    inners: ReadonlyMap<string, InnerLayer> = new Map(),
  ): LayerArgs {
    const positional = call.positional.map((argument) => this.evaluator.evaluate(argument, statement));
    const keyword = Object.fromEntries(
      Object.entries(call.keyword).map(([name, argument]) => [name, this.evaluator.evaluate(argument, statement)]),
    );
    return new LayerArgs(signature, positional, keyword, inners);
  }

  /** The data-flow host for this analysis; `attribute` maps `self.x` to the layer stored there. */
  host(attribute: (name: string) => LayerInstance | undefined): FlowHost {
    const builder = this;
    const analysis = this.analysis;
    return {
      evaluator: this.evaluator,
      symbolAt: (call) => analysis.symbolAt(call),
      instanceFor(call, statement) {
        if (analysis.isInput(call)) return undefined;
        return dottedName(call.callee) ? builder.collect(call, statement, known(1)) : undefined;
      },
      attribute,
      source(call, statement) {
        if (!analysis.isInput(call)) return undefined;
        return tensor(kerasInputShape(builder.argsOf(call, statement, ['shape', 'batch_size', 'dtype'])));
      },
      apply(instance, inputs, statement) {
        return builder.apply(instance, inputs, statement);
      },
      appliesWhenCalled: (instance) => KERAS_FUNCTIONAL_MERGES.has(instance.symbol),
    };
  }

  apply(instance: LayerInstance, inputs: readonly Tensor[], statement: Statement): FlowValue {
    const sources = union(...inputs.map((input) => input.sources), new Set([instance]));
    if (instance.container === 'sequential') {
      let current: Tensor = inputs[0] ?? tensor(undefined);
      for (const child of instance.children) {
        const result = this.apply(child, [current], statement);
        current =
          result.kind === 'tensor'
            ? result
            : result.kind === 'tuple' && result.items[0]?.kind === 'tensor'
              ? result.items[0]
              : tensor(undefined, current.sources);
      }
      return tensor(current.shape, union(current.sources, sources));
    }
    if (!instance.spec || !instance.args) return tensor(undefined, sources);
    const shapes = inputs.map((input) => input.shape);
    const input = shapes[instance.spec.inputArgument ?? 0];
    if (instance.applied && describeShape(instance.applied.input) !== describeShape(input)) instance.reused = true;
    instance.applied ??= { input, all: shapes };
    const output = instance.spec.compute(instance.args, input, shapes).output;
    instance.output ??= output;
    const result = tensor(output, sources);
    return instance.spec.returnsTuple ? { kind: 'tuple', items: [result, { kind: 'other' }] } : result;
  }
}

function rangeOf(iterable: Expression, statement: Statement, evaluator: Evaluator): Size {
  if (iterable.type === 'call' && dottedName(iterable.callee) === 'range') {
    const args = iterable.positional.map((argument) => evaluator.evaluate(argument, statement));
    if (args.length === 1 && args[0]!.kind === 'size') return args[0]!.size;
    if (args.length === 2 && args.every((arg) => arg.kind === 'size' && isKnown(arg.size))) {
      return known(Math.max(0, (args[1] as { size: Size }).size.value! - (args[0] as { size: Size }).size.value!));
    }
    return unknown('n');
  }
  const value = evaluator.evaluate(iterable, statement);
  return value.kind === 'tuple' ? known(value.items.length) : unknown('n');
}

function rangeCount(header: Statement, evaluator: Evaluator): Size {
  const tokens = header.tokens;
  const inIndex = tokens.findIndex((token) => token.text === 'in' && token.depth === tokens[0]!.depth);
  const end = tokens.length - 1; // the colon
  if (inIndex < 0 || tokens[end]?.text !== ':') return unknown('n');
  return rangeOf(parseExpression(tokens.slice(inIndex + 1, end)), header, evaluator);
}

function collectSources(value: FlowValue): Set<LayerInstance> {
  if (value.kind === 'tensor') return new Set(value.sources);
  if (value.kind === 'tuple') return union(...value.items.map(collectSources));
  return new Set();
}

function baseNames(tokens: Statement['tokens']): string[] {
  const header = headerOf(tokens);
  if (!header || header.kind !== 'class' || tokens[header.nameIndex + 1]?.text !== '(') return [];
  const open = tokens[header.nameIndex + 1]!;
  const names: string[] = [];
  let current = '';
  for (let i = header.nameIndex + 2; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.depth === open.depth) break;
    if (token.depth > open.depth + 1) continue;
    if (token.text === ',') {
      names.push(current);
      current = '';
    } else if (token.text === '=') current = '\u0000';
    else current += token.text;
  }
  names.push(current);
  return names.filter((name) => /^[\w.]+$/.test(name));
}

/** The parsed call expression of a call site, within its statement. */
export function findCall(statement: ReturnType<FileStatements['parse']>, site: CallSite): CallExpression | undefined {
  const roots =
    statement.kind === 'assign'
      ? [statement.value]
      : statement.kind === 'expression' || statement.kind === 'return'
        ? statement.value
          ? [statement.value]
          : []
        : statement.kind === 'augmented'
          ? [statement.value]
          : [];
  const key = `${site.range.startLine}:${site.range.startColumn}`;
  const search = (expression: Expression): CallExpression | undefined => {
    if (expression.type === 'call') {
      if (positionKey(expression.first) === key && dottedName(expression.callee) === site.callee) return expression;
      for (const child of [expression.callee, ...expression.positional, ...Object.values(expression.keyword)]) {
        const found = search(child);
        if (found) return found;
      }
      return undefined;
    }
    const children: Expression[] =
      expression.type === 'tuple' || expression.type === 'list'
        ? expression.items
        : expression.type === 'binary'
          ? [expression.left, expression.right]
          : expression.type === 'attribute'
            ? [expression.object]
            : expression.type === 'subscript'
              ? [expression.object, expression.index]
              : expression.type === 'comprehension'
                ? [expression.element]
                : expression.type === 'unary'
                  ? [expression.operand]
                  : [];
    for (const child of children) {
      const found = search(child);
      if (found) return found;
    }
    return undefined;
  };
  for (const root of roots) {
    const found = search(root);
    if (found) return found;
  }
  return undefined;
}

function insideClass(scope: Scope, classes: ReadonlyMap<string, ModelClass>): boolean {
  for (let current: Scope | undefined = scope; current; current = current.parent) {
    if (current.kind === 'class' && classes.get(current.name)?.scope === current) return true;
  }
  return false;
}

function contains(outer: CallSite['callRange'], inner: CallSite['range']): boolean {
  const after =
    inner.startLine > outer.startLine || (inner.startLine === outer.startLine && inner.startColumn > outer.startColumn);
  const before =
    inner.startLine < outer.endLine || (inner.startLine === outer.endLine && inner.startColumn < outer.endColumn);
  return after && before;
}

/** How an unknown callee is named in the summary: `models.vgg16`, or `(built indirectly)`. */
function describeCallee(call: CallExpression): string {
  return dottedName(call.callee) ?? '(built indirectly)';
}
