/** A small seeded pseudo-random source: the same seed always gives the same demo tenant. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One value, drawn with the given relative weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  poisson(mean: number): number;
  exponential(mean: number): number;
  /** A UUID v4 in shape (the store's id columns are `uuid`), made from this source. */
  uuid(): string;
  /** Characters drawn from `alphabet`, for platform ids such as Slack's "U04ABCDEF". */
  chars(alphabet: string, length: number): string;
}

/** mulberry32: 32-bit state, fast, and good enough for demo data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, so that each concept draws from its own stream and tuning one leaves the others as they were. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number, stream = ''): Random {
  const next = mulberry32((seed ^ hash(stream)) >>> 0);

  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  const hex = (n: number) => Math.floor(n).toString(16).padStart(8, '0');

  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick,
    weighted(entries) {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new RangeError('cannot pick from an empty list');
      return last[0];
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
    poisson(mean) {
      if (mean <= 0) return 0;
      // Knuth's method for small means; a normal approximation keeps large means cheap.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(next)));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    uuid() {
      const raw = Array.from({ length: 4 }, () => hex(next() * 4_294_967_296)).join('');
      // Version nibble 4 and variant bits 10xx, as RFC 9562 lays them out.
      const variant = ((parseInt(raw[16] as string, 16) & 0x3) | 0x8).toString(16);
      const parts = [
        raw.slice(0, 8),
        raw.slice(8, 12),
        `4${raw.slice(13, 16)}`,
        `${variant}${raw.slice(17, 20)}`,
        raw.slice(20),
      ];
      return parts.join('-');
    },
    chars(alphabet, length) {
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      return text;
    },
  };
}

function gaussian(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}
