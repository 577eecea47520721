/** A growable typed array: one number per row, in row order, without boxing. */
type TypedArray = Float64Array | Int32Array | Int8Array;

export class Column<T extends TypedArray> {
  length = 0;
  private data: T;

  constructor(private readonly make: (n: number) => T, capacity = 1024) {
    this.data = make(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  /** The filled part (a view: copy before keeping it past the next push). */
  values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const floatColumn = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const intColumn = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
export const flagColumn = (): Column<Int8Array> => new Column((n) => new Int8Array(n));
