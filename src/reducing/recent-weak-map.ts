/**
 * A WeakMap that answers the key it last saw without a lookup: per-row code that asks for the
 * same configuration or state millions of times pays for the hash lookup once. It holds the
 * last key and value until another replaces them.
 */
export class RecentWeakMap<K extends object, V> {
  private readonly map = new WeakMap<K, V>();
  private lastKey: K | null = null;
  private lastValue: V | undefined;

  get(key: K): V | undefined {
    if (key === this.lastKey) return this.lastValue;
    const value = this.map.get(key);
    if (value !== undefined) {
      this.lastKey = key;
      this.lastValue = value;
    }
    return value;
  }

  set(key: K, value: V): this {
    this.map.set(key, value);
    this.lastKey = key;
    this.lastValue = value;
    return this;
  }
}
