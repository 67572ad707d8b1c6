import { http } from './http';

/** The inventory module: sellable days and restock, the stock ledger, stock-taking, suppliers and POs. */

const base = (code: string) => `/stores/${encodeURIComponent(code)}/inventory`;

export type StockClass = 'out_of_stock' | 'low' | 'ok' | 'overstock' | 'slow_mover' | 'no_demand';
export type Campaign = { name: string; start: string; end: string; uplift?: number | null };
export type PlanRow = {
  skuCode: string;
  available: number;
  inbound: number;
  baseVelocity: number;
  velocityNext7: number;
  sellableDays: number | null;
  stockoutDate: string | null;
  leadTimeDays: number;
  class: StockClass;
  confidence: 'none' | 'low' | 'normal';
  soldLast30: number;
  lastSaleDate: string | null;
  advice: {
    leadTimeDemand: number;
    safetyStock: number;
    reorderPoint: number;
    orderUpTo: number;
    suggestedQty: number;
    reorderNow: boolean;
  };
  campaignRisk: { campaign: string; start: string; stockoutDate: string; shortBy: number } | null;
  /**
   * May run out before a reorder placed today could arrive (supplier lead time + review days):
   * cautious demand, inbound on its expected day, overdue inbound not counted.
   */
  stockoutRisk: {
    day: number;
    date: string;
    reason: 'demand' | 'inbound_overdue' | 'inbound_late';
    overdueQty: number;
    /** Units short at the worst day of the horizon. */
    shortBy: number;
    horizonDays: number;
  } | null;
  why: string;
};
export type RestockPlan = { asOf: string; campaigns: Campaign[]; rows: PlanRow[] };
export const MOVEMENT_KINDS = ['inbound', 'outbound', 'return', 'adjustment', 'damage'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export type Movement = {
  id: string;
  skuCode: string;
  warehouse: string;
  kind: MovementKind;
  qty: number;
  reason: string | null;
  refKind: string | null;
  refId: string | null;
  personId: string | null;
  occurredAt: string;
};
export type StockPosition = {
  skuCode: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  source: 'ledger' | 'snapshot';
  snapshotDate: string | null;
};
export type Finding = {
  skuCode: string;
  warehouse: string;
  snapshotDate: string;
  snapshotQty: number;
  ledgerQty: number;
  difference: number;
};
export type Warehouse = { code: string; name: string; leaderPersonId: string | null };
export type CountLine = {
  skuCode: string;
  expectedQty: number;
  countedQty: number | null;
  note: string | null;
  difference: number | null;
  large: boolean;
};
export type CountSheet = {
  id: string;
  warehouse: string;
  status: 'open' | 'submitted' | 'approved' | 'rejected';
  note: string | null;
  createdAt: string;
  approvedAt: string | null;
  lines?: CountLine[];
};
export type Supplier = {
  id: string;
  name: string;
  contactName: string | null;
  phone: string | null;
  wechat: string | null;
  leadTimeDays: number;
  note: string | null;
  skuCount?: number;
};
export type SupplierSku = {
  skuCode: string;
  leadTimeDays: number | null;
  packSize: number | null;
  minOrderQty: number | null;
  costFen: number | null;
};
export type SupplierInput = Omit<Supplier, 'id' | 'skuCount'> & { skus?: SupplierSku[] };
export type SupplierDetail = Supplier & { skus: SupplierSku[] };
export type PurchaseOrderDetail = PurchaseOrder & {
  note: string | null;
  lines: { skuCode: string; qtyOrdered: number; qtyReceived: number; costFen: number | null }[];
};
export type PurchaseOrder = {
  id: string;
  number: string;
  status: string;
  supplierId: string;
  supplierName: string | null;
  warehouse: string;
  expectedDate: string | null;
  createdAt: string;
  qtyOrdered: number;
  qtyReceived: number;
};
export type SupplierReport = {
  month: string;
  inWindow: boolean;
  rows: {
    supplierId: string;
    supplierName: string;
    skuCode: string;
    title: string | null;
    unitsSold: number;
    salesFen: number;
    unitsRefunded: number;
    onHand: number | null;
  }[];
};

export const inventoryApi = {
  restock: (code: string, q: { asOf?: string; lowDays?: number } = {}) =>
    http.get<RestockPlan>(`${base(code)}/restock`, q),
  dailyCheck: (code: string) => http.post<{ created: number; skus: number }>(`${base(code)}/daily-check`, {}),
  stock: (code: string, q: { skuCode?: string } = {}) =>
    http.get<{
      levels: { skuCode: string; warehouse: string; onHand: number }[];
      positions: StockPosition[];
    }>(`${base(code)}/stock`, q),
  movements: (code: string, q: { skuCode?: string; kind?: string; limit?: number } = {}) =>
    http.get<Movement[]>(`${base(code)}/movements`, q),
  postMovement: (
    code: string,
    body: { skuCode: string; warehouse: string; kind: MovementKind; qty: number; reason: string },
  ) => http.post<Movement>(`${base(code)}/movements`, body),
  reconcile: (code: string) => http.get<Finding[]>(`${base(code)}/reconcile`),
  warehouses: (code: string) => http.get<Warehouse[]>(`${base(code)}/warehouses`),
  countSheets: (code: string) => http.get<CountSheet[]>(`${base(code)}/count-sheets`),
  countSheet: (code: string, id: string) => http.get<CountSheet>(`${base(code)}/count-sheets/${id}`),
  createCountSheet: (code: string, body: { warehouse: string; skuCodes?: string[] }) =>
    http.post<CountSheet>(`${base(code)}/count-sheets`, body),
  enterCounts: (code: string, id: string, counts: { skuCode: string; countedQty: number }[]) =>
    http.put<CountSheet>(`${base(code)}/count-sheets/${id}/counts`, { counts }),
  submitCountSheet: (code: string, id: string) =>
    http.post<CountSheet>(`${base(code)}/count-sheets/${id}/submit`, {}),
  reviewCountSheet: (code: string, id: string, decision: 'approve' | 'reject') =>
    http.post<CountSheet>(`${base(code)}/count-sheets/${id}/review`, { decision }),
  suppliers: (code: string) => http.get<Supplier[]>(`${base(code)}/suppliers`),
  createSupplier: (code: string, body: SupplierInput) => http.post<Supplier>(`${base(code)}/suppliers`, body),
  supplier: (code: string, id: string) => http.get<SupplierDetail>(`${base(code)}/suppliers/${id}`),
  updateSupplier: (code: string, id: string, body: SupplierInput) =>
    http.put<Supplier>(`${base(code)}/suppliers/${id}`, body),
  purchaseOrders: (code: string) => http.get<PurchaseOrder[]>(`${base(code)}/purchase-orders`),
  purchaseOrder: (code: string, id: string) =>
    http.get<PurchaseOrderDetail>(`${base(code)}/purchase-orders/${id}`),
  createPurchaseOrder: (
    code: string,
    body: {
      supplierId: string;
      warehouse: string;
      expectedDate?: string | null;
      note?: string | null;
      lines: { skuCode: string; qty: number; costFen?: number | null }[];
    },
  ) => http.post<PurchaseOrderDetail>(`${base(code)}/purchase-orders`, body),
  receivePurchaseOrder: (
    code: string,
    id: string,
    body: { receiptId: string; lines: { skuCode: string; qty: number }[] },
  ) => http.post<PurchaseOrderDetail>(`${base(code)}/purchase-orders/${id}/receipts`, body),
  setPoStatus: (code: string, id: string, status: 'sent' | 'cancelled') =>
    http.post(`${base(code)}/purchase-orders/${id}/status`, { status }),
  supplierReport: (code: string, month?: string) =>
    http.get<SupplierReport>(`${base(code)}/supplier-report`, { month }),
};
