/**
 * A ResizeObserver for jsdom that reports widths from a small layout model, for components that decide what to
 * show from measured sizes (MultiCombobox hides the values that do not fit behind "… N"). Import this module before
 * anything that loads @grafana/ui: react-use's useMeasure decides when it is loaded whether ResizeObserver exists,
 * and measures nothing for good if not.
 */
type WidthOf = (element: Element) => number;

let widthOf: WidthOf = () => 0;

class MeasuringObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(element: Element) {
    const width = widthOf(element);
    const contentRect = { x: 0, y: 0, top: 0, left: 0, width, height: 32, right: width, bottom: 32 };
    this.callback([{ target: element, contentRect } as unknown as ResizeObserverEntry], this as never);
  }
  unobserve() {}
  disconnect() {}
}

Object.assign(global, { ResizeObserver: MeasuringObserver });

/**
 * Lays elements out by `layout` for the suite (after any other set-up that replaces ResizeObserver), and measures
 * text as 7 px a character.
 */
export function layOutBy(layout: WidthOf) {
  beforeAll(() => {
    widthOf = layout;
    Object.assign(global, { ResizeObserver: MeasuringObserver });
    const context = { measureText: (text: string) => ({ width: text.length * 7 }) };
    jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation(() => context as unknown as CanvasRenderingContext2D);
  });
}
