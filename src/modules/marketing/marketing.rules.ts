/**
 * Coupons, discounts and the price-floor guard (pure). All money in integer fen, instants as
 * epoch milliseconds. The stacking order is the one Taobao/Tmall publish for their checkout
 * (see docs/marketing.md § Stacking order):
 *
 *   1. item level   单品优惠: the best ONE discount of the SKU (单品宝 折扣 / 直降); they never stack.
 *   2. store level  店铺优惠: full reduction (店铺满减, tiered or 每满 N 减 M) + ONE store coupon
 *                   (店铺券) + ONE product coupon per product (商品券). They stack with each other.
 *   3. cross-store  跨店满减: the platform campaign's 每满 N 减 M, funded by the seller.
 *   (4. platform coupons / 红包 are paid by the platform, not the seller: outside the floor.)
 *
 * Every threshold (门槛) is judged on the price after the item level (单品优惠后价格): this is
 * what the platforms announce, and it is the reading that reaches the lowest price, which is the
 * right side to err on for a guard. Order-level amounts are shared out over the order lines in
 * proportion to their amount after the item level (how the order reports split 优惠分摊), the
 * remainder of a fen going to the largest lines first.
 */

export const OFFER_KINDS = [
  'discount',
  'product_coupon',
  'store_coupon',
  'full_reduction',
  'cross_store',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export type Tier = { thresholdFen: number; minusFen: number };

export type Offer = {
  id: string;
  kind: OfferKind;
  name: string;
  /** Validity [startsAt, endsAt) in epoch ms. */
  startsAt: number;
  endsAt: number;
  /** Products it applies to; null = the whole store. */
  productIds: string[] | null;
  /** discount: percent of the price kept, in basis points (8500 = 85 折) … */
  percentBp?: number | null;
  /** … or an amount off each unit (直降). */
  unitMinusFen?: number | null;
  /** Coupons and full reductions: tiers (threshold → minus). A coupon has one tier; threshold 0 = 无门槛. */
  tiers?: Tier[] | null;
  /** Full reduction / cross-store: 每满 N 减 M (repeating), with an optional cap on the total. */
  perEach?: { everyFen: number; minusFen: number; capFen?: number | null } | null;
};

export type CartLine = { skuCode: string; productId: string; unitPriceFen: number; quantity: number };

export type LinePrice = CartLine & {
  itemDiscountFen: number;
  storeShareFen: number;
  crossStoreShareFen: number;
  /** What the buyer pays for the line. */
  netFen: number;
  /** Per unit (fractional fen are floored: the lowest price shown). */
  unitNetFen: number;
  appliedOfferIds: string[];
};

export type CartPrice = {
  lines: LinePrice[];
  subtotalFen: number;
  itemDiscountFen: number;
  fullReductionFen: number;
  storeCouponFen: number;
  productCouponFen: number;
  crossStoreFen: number;
  totalFen: number;
  applied: { offerId: string; name: string; kind: OfferKind; amountFen: number }[];
};

export function isActive(o: Offer, at: number): boolean {
  return o.startsAt <= at && at < o.endsAt;
}

/**
 * The guard's top-up lines: other goods a buyer adds to reach a threshold. Goods of this store
 * count towards store-wide and product-scoped reductions (never a discount or a product coupon
 * of their own); goods of other stores count only towards the cross-store reduction.
 */
export const TOP_UP_PRODUCT = '\u0000top-up';
export const OTHER_STORE_PRODUCT = '\u0000other-store';

const appliesTo = (o: Offer, productId: string) =>
  productId === TOP_UP_PRODUCT
    ? o.kind !== 'discount' && o.kind !== 'product_coupon'
    : productId === OTHER_STORE_PRODUCT
      ? o.kind === 'cross_store'
      : o.productIds === null || o.productIds.includes(productId);

/** Unit price after one item-level discount (never below 0). */
export function discountedUnit(unitFen: number, o: Offer): number {
  let v = unitFen;
  if (o.percentBp != null) v = Math.round((unitFen * o.percentBp) / 10_000);
  else if (o.unitMinusFen != null) v = unitFen - o.unitMinusFen;
  return Math.max(0, v);
}

/** What a threshold offer takes off an amount: best reached tier, or 每满 N 减 M (capped). */
export function reductionFor(o: Offer, amountFen: number): number {
  let best = 0;
  for (const t of o.tiers ?? []) if (amountFen >= t.thresholdFen && t.minusFen > best) best = t.minusFen;
  if (o.perEach && o.perEach.everyFen > 0) {
    let v = Math.floor(amountFen / o.perEach.everyFen) * o.perEach.minusFen;
    if (o.perEach.capFen != null) v = Math.min(v, o.perEach.capFen);
    best = Math.max(best, v);
  }
  return Math.min(best, amountFen);
}

/** Shares `total` over `weights` in proportion, largest remainder first (sums exactly). */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** Picks the offer giving the most on `amount` (ties: the first by id, so results are stable). */
function best(offers: Offer[], amount: (o: Offer) => number): { offer: Offer; fen: number } | null {
  let r: { offer: Offer; fen: number } | null = null;
  for (const o of [...offers].sort((a, b) => a.id.localeCompare(b.id))) {
    const fen = amount(o);
    if (fen > 0 && (!r || fen > r.fen)) r = { offer: o, fen };
  }
  return r;
}

/**
 * The price of a cart at instant `at` with every offer active then, in the platform's order.
 * The buyer gets the best combination the rules allow (the checkout picks it for them).
 */
export function priceCart(cart: CartLine[], offers: Offer[], at: number): CartPrice {
  const active = offers.filter((o) => isActive(o, at));
  const applied: CartPrice['applied'] = [];
  const lineApplied: string[][] = cart.map(() => []);

  // 1. item level: the best discount per line.
  const discounts = active.filter((o) => o.kind === 'discount');
  const afterItem = cart.map((l, i) => {
    const b = best(
      discounts.filter((o) => appliesTo(o, l.productId)),
      (o) => (l.unitPriceFen - discountedUnit(l.unitPriceFen, o)) * l.quantity,
    );
    if (b) {
      lineApplied[i].push(b.offer.id);
      applied.push({ offerId: b.offer.id, name: b.offer.name, kind: 'discount', amountFen: b.fen });
      return l.unitPriceFen * l.quantity - b.fen;
    }
    return l.unitPriceFen * l.quantity;
  });
  const storeShares = cart.map(() => 0);

  // 2. store level: full reduction, one store coupon, one product coupon per product.
  const inScope = (o: Offer) => cart.map((l, i) => (appliesTo(o, l.productId) ? afterItem[i] : 0));
  const scopeSum = (o: Offer) => inScope(o).reduce((a, b) => a + b, 0);
  const share = (o: Offer, fen: number) => {
    const parts = allocate(fen, inScope(o));
    parts.forEach((p, i) => {
      if (p > 0) {
        storeShares[i] += p;
        lineApplied[i].push(o.id);
      }
    });
    applied.push({ offerId: o.id, name: o.name, kind: o.kind, amountFen: fen });
  };
  let fullReductionFen = 0;
  for (const o of active
    .filter((x) => x.kind === 'full_reduction')
    .sort((a, b) => a.id.localeCompare(b.id))) {
    const fen = reductionFor(o, scopeSum(o));
    if (fen > 0) {
      share(o, fen);
      fullReductionFen += fen;
    }
  }
  let storeCouponFen = 0;
  const sc = best(
    active.filter((o) => o.kind === 'store_coupon'),
    (o) => reductionFor(o, scopeSum(o)),
  );
  if (sc) {
    share(sc.offer, sc.fen);
    storeCouponFen = sc.fen;
  }
  let productCouponFen = 0;
  const productIds = [...new Set(cart.map((l) => l.productId))];
  for (const pid of productIds) {
    const idx = cart.map((l, i) => (l.productId === pid ? i : -1)).filter((i) => i >= 0);
    const amount = idx.reduce((a, i) => a + afterItem[i], 0);
    const pc = best(
      active.filter(
        (o) => o.kind === 'product_coupon' && o.productIds !== null && o.productIds.includes(pid),
      ),
      (o) => reductionFor(o, amount),
    );
    if (!pc) continue;
    const parts = allocate(
      pc.fen,
      idx.map((i) => afterItem[i]),
    );
    idx.forEach((i, k) => {
      storeShares[i] += parts[k];
      lineApplied[i].push(pc.offer.id);
    });
    applied.push({ offerId: pc.offer.id, name: pc.offer.name, kind: 'product_coupon', amountFen: pc.fen });
    productCouponFen += pc.fen;
  }
  // Never more off a line than it costs after the item level.
  cart.forEach((_, i) => {
    storeShares[i] = Math.min(storeShares[i], afterItem[i]);
  });

  // 3. cross-store: threshold on the item-level price of the lines in scope.
  const crossShares = cart.map(() => 0);
  let crossStoreFen = 0;
  const cs = best(
    active.filter((o) => o.kind === 'cross_store'),
    (o) => reductionFor(o, scopeSum(o)),
  );
  if (cs) {
    const room = cart.map((_, i) => afterItem[i] - storeShares[i]);
    const fen = Math.min(
      cs.fen,
      room.reduce((a, b) => a + b, 0),
    );
    const parts = allocate(
      fen,
      inScope(cs.offer).map((v, i) => (v > 0 ? afterItem[i] : 0)),
    );
    parts.forEach((p, i) => {
      crossShares[i] = Math.min(p, room[i]);
      if (p > 0) lineApplied[i].push(cs.offer.id);
    });
    crossStoreFen = crossShares.reduce((a, b) => a + b, 0);
    applied.push({
      offerId: cs.offer.id,
      name: cs.offer.name,
      kind: 'cross_store',
      amountFen: crossStoreFen,
    });
  }

  const lines: LinePrice[] = cart.map((l, i) => {
    const netFen = afterItem[i] - storeShares[i] - crossShares[i];
    return {
      ...l,
      itemDiscountFen: l.unitPriceFen * l.quantity - afterItem[i],
      storeShareFen: storeShares[i],
      crossStoreShareFen: crossShares[i],
      netFen,
      unitNetFen: l.quantity > 0 ? Math.floor(netFen / l.quantity) : 0,
      appliedOfferIds: lineApplied[i],
    };
  });
  const subtotalFen = cart.reduce((a, l) => a + l.unitPriceFen * l.quantity, 0);
  const itemDiscountFen = lines.reduce((a, l) => a + l.itemDiscountFen, 0);
  return {
    lines,
    subtotalFen,
    itemDiscountFen,
    fullReductionFen,
    storeCouponFen,
    productCouponFen,
    crossStoreFen,
    totalFen: lines.reduce((a, l) => a + l.netFen, 0),
    applied,
  };
}

// ── The floor ──────────────────────────────────────────────────────────────────────────────

/** Store settings the floor uses: fee rates on the paid price, and a fixed cost per unit. */
export type FeeSettings = {
  /** Platform commission (天猫技术服务费 / 佣金) on the paid price, basis points. */
  commissionBp: number;
  /** Payment fee (支付宝/微信 手续费), basis points. */
  paymentFeeBp: number;
  /** Other per-unit costs: shipping, packing (fen). */
  perUnitCostFen: number;
};

export const DEFAULT_FEES: FeeSettings = { commissionBp: 500, paymentFeeBp: 60, perUnitCostFen: 0 };

/** The lowest unit price that still covers cost + fees: F·(1 − rate) ≥ cost + fixed. */
export function floorPrice(costFen: number, fees: FeeSettings): number {
  const keep = 10_000 - fees.commissionBp - fees.paymentFeeBp;
  if (keep <= 0) return Number.POSITIVE_INFINITY;
  return Math.ceil(((costFen + fees.perUnitCostFen) * 10_000) / keep);
}

/** What the store keeps per unit at a paid price, after cost and fees (may be negative). */
export function unitMargin(paidFen: number, costFen: number, fees: FeeSettings): number {
  const feesFen = Math.round((paidFen * (fees.commissionBp + fees.paymentFeeBp)) / 10_000);
  return paidFen - feesFen - costFen - fees.perUnitCostFen;
}

export type SkuForFloor = { skuCode: string; productId: string; priceFen: number; costFen: number | null };

export type StackResult = {
  /** The lowest reachable paid price per unit of the SKU in this window. */
  lowestUnitFen: number;
  /** The cart that reaches it (the SKU × quantity, plus a top-up of other goods when it helps). */
  quantity: number;
  topUpFen: number;
  offerIds: string[];
  price: CartPrice;
};

/** Cart sizes worth trying: 1…enough to cross the highest threshold of every offer, plus one. */
function quantities(unitFen: number, offers: Offer[]): number[] {
  let maxT = 0;
  for (const o of offers) {
    for (const t of o.tiers ?? []) maxT = Math.max(maxT, t.thresholdFen);
    if (o.perEach) maxT = Math.max(maxT, o.perEach.everyFen * 2);
  }
  const n = Math.min(24, Math.max(1, Math.ceil(maxT / Math.max(1, unitFen)) + 1));
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Amounts a top-up could bring the order to: every threshold, and the 每满 steps just above `base`. */
function thresholdTargets(offers: Offer[], base: number): number[] {
  const out = new Set<number>();
  for (const o of offers) {
    for (const t of o.tiers ?? []) if (t.thresholdFen > base) out.add(t.thresholdFen);
    // A 每满 pays its best rate on an exact multiple, so the next multiples above what the cart
    // already holds are the ones worth topping up to (a fixed "up to 4×" list missed them once
    // the SKU alone passed it).
    const every = o.perEach?.everyFen ?? 0;
    if (every > 0) {
      const next = (Math.floor(base / every) + 1) * every;
      out.add(next);
      out.add(next + every);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The lowest price per unit a buyer can reach for one SKU at instant `at`: carts of 1…n units,
 * topped up with other goods of this store exactly to each store-level threshold, and with
 * goods of other stores exactly to each cross-store step (worst case: a buyer can always find a
 * filler of the right amount). A top-up never counts towards a product coupon of this product.
 */
export function lowestReachable(sku: SkuForFloor, offers: Offer[], at: number): StackResult {
  const active = offers.filter((o) => isActive(o, at));
  const storeOffers = active.filter((o) => o.kind === 'full_reduction' || o.kind === 'store_coupon');
  const crossOffers = active.filter((o) => o.kind === 'cross_store');
  let bestR: StackResult | null = null;
  const run = (q: number, own: number, other: number) => {
    const cart: CartLine[] = [
      { skuCode: sku.skuCode, productId: sku.productId, unitPriceFen: sku.priceFen, quantity: q },
    ];
    if (own > 0)
      cart.push({ skuCode: TOP_UP_PRODUCT, productId: TOP_UP_PRODUCT, unitPriceFen: own, quantity: 1 });
    if (other > 0)
      cart.push({
        skuCode: OTHER_STORE_PRODUCT,
        productId: OTHER_STORE_PRODUCT,
        unitPriceFen: other,
        quantity: 1,
      });
    const price = priceCart(cart, active, at);
    const line = price.lines[0];
    // Compare exactly: line net / q, no rounding between candidates.
    if (!bestR || line.netFen * bestR.quantity < bestR.price.lines[0].netFen * q) {
      bestR = {
        lowestUnitFen: line.unitNetFen,
        quantity: q,
        topUpFen: own + other,
        offerIds: line.appliedOfferIds,
        price,
      };
    }
  };
  // Thresholds are judged after the item discount, so count units at the discounted price.
  const discountedUnit = priceCart(
    [{ skuCode: sku.skuCode, productId: sku.productId, unitPriceFen: sku.priceFen, quantity: 1 }],
    active.filter((o) => o.kind === 'discount'),
    at,
  ).totalFen;
  for (const q of quantities(Math.min(sku.priceFen, discountedUnit), active)) {
    // The SKU's own amount after the item level: thresholds are judged on it.
    const mine = priceCart(
      [{ skuCode: sku.skuCode, productId: sku.productId, unitPriceFen: sku.priceFen, quantity: q }],
      active.filter((o) => o.kind === 'discount'),
      at,
    ).totalFen;
    for (const own of [0, ...thresholdTargets(storeOffers, mine).map((t) => t - mine)]) {
      run(q, own, 0);
      for (const t of thresholdTargets(crossOffers, mine + own)) run(q, own, t - mine - own);
    }
  }
  return bestR!;
}

/** The instants where the set of active offers changes (each window is checked once). */
export function windows(offers: Offer[], from: number): { from: number; to: number }[] {
  const cuts = new Set<number>([from]);
  for (const o of offers) {
    if (o.startsAt > from) cuts.add(o.startsAt);
    if (o.endsAt > from) cuts.add(o.endsAt);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: { from: number; to: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const to = sorted[i + 1] ?? Number.POSITIVE_INFINITY;
    if (offers.some((o) => o.startsAt <= sorted[i] && sorted[i] < o.endsAt))
      out.push({ from: sorted[i], to });
  }
  return out;
}

export type FloorBreach = {
  skuCode: string;
  productId: string;
  priceFen: number;
  costFen: number;
  floorFen: number;
  lowestUnitFen: number;
  marginFen: number;
  windowFrom: number;
  windowTo: number;
  quantity: number;
  topUpFen: number;
  offerIds: string[];
};

export type FloorCheck = {
  skuCode: string;
  productId: string;
  priceFen: number;
  costFen: number | null;
  floorFen: number | null;
  /** The lowest over every window from now on (active and scheduled offers). */
  lowestUnitFen: number;
  worstWindowFrom: number | null;
  offerIds: string[];
  quantity: number;
  topUpFen: number;
  breach: FloorBreach | null;
};

/**
 * The guard: for each SKU, every window from `now` on where its offers change, the lowest
 * reachable price vs cost + fees. SKUs without a cost are reported with `floorFen: null`
 * (nothing to compare — the desk asks for the cost).
 */
export function checkFloor(
  skus: SkuForFloor[],
  offers: Offer[],
  now: number,
  fees: FeeSettings,
): FloorCheck[] {
  const live = offers.filter((o) => o.endsAt > now);
  return skus.map((sku) => {
    const relevant = live.filter((o) => appliesTo(o, sku.productId));
    let worst: { r: StackResult; w: { from: number; to: number } } | null = null;
    for (const w of windows(relevant, now)) {
      const r = lowestReachable(sku, relevant, w.from);
      if (!worst || r.lowestUnitFen < worst.r.lowestUnitFen) worst = { r, w };
    }
    const lowest = worst?.r.lowestUnitFen ?? sku.priceFen;
    const floor = sku.costFen == null ? null : floorPrice(sku.costFen, fees);
    const below = floor !== null && worst !== null && lowest < floor;
    return {
      skuCode: sku.skuCode,
      productId: sku.productId,
      priceFen: sku.priceFen,
      costFen: sku.costFen,
      floorFen: floor,
      lowestUnitFen: lowest,
      worstWindowFrom: worst?.w.from ?? null,
      offerIds: worst?.r.offerIds ?? [],
      quantity: worst?.r.quantity ?? 1,
      topUpFen: worst?.r.topUpFen ?? 0,
      breach:
        below && worst && sku.costFen != null && floor !== null
          ? {
              skuCode: sku.skuCode,
              productId: sku.productId,
              priceFen: sku.priceFen,
              costFen: sku.costFen,
              floorFen: floor,
              lowestUnitFen: lowest,
              marginFen: unitMargin(lowest, sku.costFen, fees),
              windowFrom: worst.w.from,
              windowTo: worst.w.to,
              quantity: worst.r.quantity,
              topUpFen: worst.r.topUpFen,
              offerIds: worst.r.offerIds,
            }
          : null,
    };
  });
}

// ── Expiry ─────────────────────────────────────────────────────────────────────────────────

/** Offers running now that end within `leadMs` (the 10:30 check): renew, or let them go on purpose. */
export function expiringOffers(offers: Offer[], now: number, leadMs: number): Offer[] {
  return offers
    .filter((o) => isActive(o, now) && o.endsAt - now <= leadMs)
    .sort((a, b) => a.endsAt - b.endsAt || a.id.localeCompare(b.id));
}

/** Checks an offer's own shape; returns the field at fault or null. */
export function offerProblem(o: Omit<Offer, 'id'>): string | null {
  if (!(o.endsAt > o.startsAt)) return 'endsAt';
  if (o.kind === 'discount') {
    const hasPct = o.percentBp != null;
    const hasMinus = o.unitMinusFen != null;
    if (hasPct === hasMinus) return 'percentBp';
    if (hasPct && (o.percentBp! <= 0 || o.percentBp! > 10_000)) return 'percentBp';
    if (hasMinus && o.unitMinusFen! <= 0) return 'unitMinusFen';
    return null;
  }
  if (o.kind === 'product_coupon' && (!o.productIds || o.productIds.length === 0)) return 'productIds';
  const tiers = o.tiers ?? [];
  if (tiers.length === 0 && !o.perEach) return 'tiers';
  for (const t of tiers) if (t.minusFen <= 0 || t.thresholdFen < 0) return 'tiers';
  if ((o.kind === 'store_coupon' || o.kind === 'product_coupon') && (tiers.length !== 1 || o.perEach))
    return 'tiers';
  if (o.perEach && (o.perEach.everyFen <= 0 || o.perEach.minusFen <= 0)) return 'perEach';
  return null;
}
