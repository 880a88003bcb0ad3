// Builds the labelled, keyboard-operable controls, figures and readouts of one visualisation, and
// remembers control values in the webview state so a reload keeps them.

export interface Option<T extends string> {
  value: T;
  label: string;
}

export interface SliderSpec {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format?: (value: number) => string;
}

export interface SelectSpec<T extends string> {
  key: string;
  label: string;
  options: readonly Option<T>[];
  value: T;
}

export class ViewHost {
  private readonly controls: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly readoutList: HTMLDListElement;
  private readonly listeners: (() => void)[] = [];

  constructor(
    root: HTMLElement,
    private readonly saved: Record<string, string>,
    private readonly persist: (settings: Record<string, string>) => void,
    /** With reduced motion, views offer Step buttons instead of playing animations. */
    readonly reducedMotion: boolean,
  ) {
    this.controls = element('form', 'controls', root);
    this.controls.setAttribute('aria-label', 'Controls');
    this.controls.addEventListener('submit', (event) => event.preventDefault());
    const output = element('div', 'output', root);
    this.figures = element('div', 'figures', output);
    this.readoutList = element('dl', 'readouts', output);
    this.readoutList.setAttribute('aria-live', 'polite');
  }

  /** Registers the redraw; it runs after every control change and once when the view is mounted. */
  onUpdate(listener: () => void): void {
    this.listeners.push(listener);
  }

  update(): void {
    for (const listener of this.listeners) listener();
  }

  slider(spec: SliderSpec): { get(): number; set(value: number): void; input: HTMLInputElement } {
    const { row, id } = this.row(spec.key, spec.label);
    const input = element('input', '', row);
    Object.assign(input, { type: 'range', id, min: String(spec.min), max: String(spec.max), step: String(spec.step) });
    input.dataset.control = spec.key;
    const restored = Number(this.saved[spec.key]);
    input.value = String(
      this.saved[spec.key] !== undefined && restored >= spec.min && restored <= spec.max ? restored : spec.value,
    );
    const shown = element('output', 'value', row);
    shown.htmlFor.add(id);
    const format = spec.format ?? String;
    const show = (): void => {
      shown.textContent = format(Number(input.value));
      input.setAttribute('aria-valuetext', shown.textContent);
    };
    show();
    input.addEventListener('input', () => {
      show();
      this.changed(spec.key, input.value);
    });
    return {
      get: () => Number(input.value),
      set: (value) => {
        input.value = String(value);
        show();
        this.changed(spec.key, input.value);
      },
      input,
    };
  }

  select<T extends string>(spec: SelectSpec<T>): { get(): T; select: HTMLSelectElement } {
    const { row, id } = this.row(spec.key, spec.label);
    const select = element('select', '', row);
    select.id = id;
    select.dataset.control = spec.key;
    for (const option of spec.options) {
      const item = element('option', '', select);
      item.value = option.value;
      item.textContent = option.label;
    }
    const restored = this.saved[spec.key];
    select.value = spec.options.some((o) => o.value === restored) ? restored! : spec.value;
    select.addEventListener('change', () => this.changed(spec.key, select.value));
    return { get: () => select.value as T, select };
  }

  /** A number box, for values typed exactly (kernel weights, logits). */
  numberInput(
    key: string,
    labelText: string,
    value: number,
    parent?: HTMLElement,
  ): { get(): number; input: HTMLInputElement } {
    const input = element('input', 'number', parent ?? this.row(key, labelText).row);
    Object.assign(input, { type: 'number', step: 'any', id: `control-${key}` });
    input.dataset.control = key;
    if (parent) input.setAttribute('aria-label', labelText);
    const restored = this.saved[key];
    input.value =
      restored !== undefined && restored !== '' && Number.isFinite(Number(restored)) ? restored : String(value);
    input.addEventListener('input', () => {
      if (input.value !== '' && Number.isFinite(Number(input.value))) this.changed(key, input.value);
    });
    return { get: () => (Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : 0), input };
  }

  button(key: string, text: string, onClick: () => void, parent?: HTMLElement): HTMLButtonElement {
    const button = element('button', 'secondary', parent ?? this.controls);
    button.type = 'button';
    button.dataset.control = key;
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
  }

  /** A group of controls laid out together, e.g. the kernel grid; `label` names it for assistive technology. */
  group(labelText: string): HTMLFieldSetElement {
    const fieldset = element('fieldset', 'group', this.controls);
    element('legend', '', fieldset).textContent = labelText;
    return fieldset;
  }

  figure(svg: SVGSVGElement, caption?: string): SVGSVGElement {
    const figure = element('figure', '', this.figures);
    figure.appendChild(svg);
    if (caption) element('figcaption', '', figure).textContent = caption;
    return svg;
  }

  /** A free HTML area among the figures (tables, diagrams made of elements). */
  panel(className: string): HTMLElement {
    return element('div', className, this.figures);
  }

  /** A named number in the readout list; returns a setter. `key` becomes data-readout for tests and styling. */
  readout(key: string, labelText: string): (text: string) => void {
    element('dt', '', this.readoutList).textContent = labelText;
    const value = element('dd', '', this.readoutList);
    value.dataset.readout = key;
    return (text) => {
      value.textContent = text;
    };
  }

  note(text: string): HTMLParagraphElement {
    const paragraph = element('p', 'note muted', this.figures.parentElement!);
    paragraph.textContent = text;
    return paragraph;
  }

  private row(key: string, labelText: string): { row: HTMLElement; id: string } {
    const row = element('div', 'control', this.controls);
    const id = `control-${key}`;
    const labelElement = element('label', '', row);
    labelElement.htmlFor = id;
    labelElement.textContent = labelText;
    return { row, id };
  }

  private changed(key: string, value: string): void {
    this.saved[key] = value;
    this.persist({ ...this.saved });
    this.update();
  }
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  parent?: Element,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  parent?.appendChild(created);
  return created;
}

/** Runs `tick` on a timer until it returns false or stop() is called; never used under reduced motion. */
export class Player {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => boolean,
    private readonly onStateChange: (playing: boolean) => void,
  ) {}

  get playing(): boolean {
    return this.timer !== undefined;
  }

  toggle(): void {
    if (this.playing) this.stop();
    else {
      this.timer = setInterval(() => {
        if (!this.tick()) this.stop();
      }, this.intervalMs);
      this.onStateChange(true);
    }
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.onStateChange(false);
  }
}
