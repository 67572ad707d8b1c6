import type { Product, Sku } from './catalog';
import type { Customer } from './people';
import type { RefundReason } from './text';
import type { Agent } from './world';

/** The simulated facts, as the engine builds them (one order lives only for its day). */

export type Item = {
  subId: string;
  product: Product;
  sku: Sku;
  qty: number;
  unitFen: number;
  goodsFen: number;
  /** Goods after the order's discounts (买家应付货款 of the line). */
  payableFen: number;
  /** Paid for the line after platform deductions (excl. postage); 0 when never paid. */
  paidFen: number;
  refund: Refund | null;
};

export type TrafficSource =
  | '直通车'
  | '引力魔方'
  | '淘宝客'
  | '手淘搜索'
  | '手淘推荐'
  | '购物车'
  | '直接访问';

export type Order = {
  id: string;
  payNo: string;
  day: number;
  created: number;
  customer: Customer;
  items: Item[];
  goodsFen: number;
  discountFen: number;
  discountNotes: string[];
  postageFen: number;
  totalFen: number;
  jfbFen: number;
  cardFen: number;
  /** 买家实际支付金额 once paid (total − deductions). */
  paidAmountFen: number;
  /** Payment instant, null when not paid by the export. */
  paid: number | null;
  closed: number | null;
  closeReason: string;
  shipped: number | null;
  carrier: string;
  tracking: string;
  confirmed: number | null;
  source: TrafficSource;
  mobile: boolean;
  buyerMessage: string;
  sellerMemo: string;
  invoice: string;
  altAddress: string;
  payMethod: string;
  session: Session | null;
  /** Shipped more than 48 h after payment on an ordinary day (planted). */
  lateShip: boolean;
  /** Shipped more than 48 h after payment after a campaign peak (allowed). */
  peakLate: boolean;
};

export type RefundStage = 'before_ship' | 'after_ship' | 'after_sale';

export type Refund = {
  id: string;
  order: Order;
  item: Item;
  stage: RefundStage;
  reason: RefundReason;
  note: string;
  applied: number;
  agreed: number;
  returnShipped: number | null;
  finished: number;
  outcome: 'success' | 'closed';
  amountFen: number;
  full: boolean;
  manual: boolean;
  returnCarrier: string;
  returnTracking: string;
  intervention: boolean;
  memo: string;
};

export type Rating = '好评' | '中评' | '差评';

export type Review = {
  order: Order;
  item: Item;
  time: number;
  rating: Rating;
  text: string;
  followText: string;
  followTime: number | null;
  photo: boolean;
  anonymous: boolean;
  reason: string | null;
  badBatch: boolean;
};

export type Message = { t: number; from: 'buyer' | 'agent' | 'auto'; text: string };

export type SessionKind = 'presale' | 'browse' | 'aftersale' | 'reminder' | 'unanswered';

export type Session = {
  id: string;
  kind: SessionKind;
  start: number;
  agent: Agent;
  buyer: string;
  messages: Message[];
  order: Order | null;
  planted: 'rude' | 'unanswered' | null;
};
