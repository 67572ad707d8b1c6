/**
 * A compact set of string ids by 52-bit hash (open addressing in a Float64Array): about 16 bytes
 * per id instead of ~100 for a Set<string>. `add` answers whether the id was (probably) seen
 * before; a hash collision can only say "seen" wrongly (about 1 in 10^4 for a million ids), so
 * use it where a false "seen" merely takes a slower, always-correct path.
 */
export class IdHashSet {
  private table = new Float64Array(1 << 12);
  private size = 0;

  /** Adds the id; true when it was (probably) already there. */
  add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ id.length;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // 32 + 20 bits, +1 so that 0 stays the empty-slot marker.
    const key = (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff) + 1;
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    return this.insert(key);
  }

  get count(): number {
    return this.size;
  }

  private insert(key: number): boolean {
    const mask = this.table.length - 1;
    let i = (key % 0x7fffffff) & mask;
    for (;;) {
      const v = this.table[i];
      if (v === 0) {
        this.table[i] = key;
        this.size++;
        return false;
      }
      if (v === key) return true;
      i = (i + 1) & mask;
    }
  }

  private grow() {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.insert(old[i]);
  }
}
