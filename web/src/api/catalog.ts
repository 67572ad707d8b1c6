import { http } from './http';

/** The catalog module: products, hero products, title checks, listing history, the new-product board. */

const base = (code: string) => `/stores/${encodeURIComponent(code)}/catalog`;

export type ProductRow = {
  productId: string;
  title: string | null;
  isHero: boolean;
  skuCount: number;
  units30: number;
  salesFen30: number;
  titleIssues: number;
};
export type TitleIssue =
  | { code: 'too_long'; bytes: number; max: number; overBy: number }
  | { code: 'empty' }
  | { code: 'banned_word'; word: string; index: number }
  | { code: 'not_gbk'; chars: string[] }
  | { code: 'double_space' }
  | { code: 'repeated_word'; word: string };
export type ProductPage = {
  product: { productId: string; title: string | null; isHero: boolean };
  skus: {
    skuCode: string;
    title: string | null;
    properties: string | null;
    priceFen: number | null;
    units30: number;
    salesFen30: number;
    available: number | null;
    sellableDays: number | null;
    stockoutDate: string | null;
    class: string | null;
    why: string | null;
  }[];
  aftersales: {
    refunds: number;
    refundFen: number;
    badReviews: number;
    recentBad: { content: string | null; reviewedAt: string }[];
  };
  titleCheck: {
    issues: TitleIssue[];
    coverage: number;
    covered: { term: string; weight: number }[];
    missing: { term: string; weight: number }[];
  };
  history: {
    id: string;
    kind: string;
    before: string | null;
    after: string | null;
    personId: string | null;
    createdAt: string;
  }[];
};
export const PIPELINE_STAGES = [
  'plan',
  'sample',
  'photo',
  'detail_page',
  'listing',
  'launch',
  'cs_briefed',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export type NewProduct = {
  id: string;
  name: string;
  productId: string | null;
  stage: PipelineStage | 'done';
  briefing: string | null;
  csAcknowledgedAt: string | null;
  stages: {
    stage: PipelineStage;
    ownerPersonId: string | null;
    ownerRole: string | null;
    dueDate: string | null;
    doneAt: string | null;
    stuck: boolean;
  }[];
};

/** Search-term coverage of a title (ads keyword reports, last 30 days, weighted by impressions). */
export type TitleKeywords = {
  terms: number;
  totalWeight: number;
  coverage: number;
  covered: { term: string; weight: number }[];
  missing: { term: string; weight: number; share: number }[];
};

export const catalogApi = {
  products: (code: string, q: { q?: string; heroOnly?: boolean } = {}) =>
    http.get<ProductRow[]>(`${base(code)}/products`, q),
  product: (code: string, id: string) =>
    http.get<ProductPage>(`${base(code)}/products/${encodeURIComponent(id)}`),
  setHero: (code: string, id: string, isHero: boolean) =>
    http.put(`${base(code)}/products/${encodeURIComponent(id)}/hero`, { isHero }),
  recordTitle: (code: string, id: string, after: string) =>
    http.post(`${base(code)}/products/${encodeURIComponent(id)}/listing-events`, { kind: 'title', after }),
  titleCheck: (code: string, text: string, kind: 'title' | 'subtitle' = 'title', productId?: string) =>
    http.post<{ issues: TitleIssue[]; keywords: TitleKeywords | null }>(`${base(code)}/title-check`, {
      text,
      kind,
      productId,
    }),
  pipeline: (code: string) => http.get<NewProduct[]>(`${base(code)}/pipeline`),
  setStage: (
    code: string,
    id: string,
    stage: PipelineStage,
    body: { ownerPersonId?: string | null; dueDate?: string | null },
  ) => http.put<NewProduct>(`${base(code)}/pipeline/${id}/stages/${stage}`, body),
  createNewProduct: (code: string, name: string) => http.post<NewProduct>(`${base(code)}/pipeline`, { name }),
  advance: (code: string, id: string, body: { briefing?: string; productId?: string } = {}) =>
    http.post<NewProduct>(`${base(code)}/pipeline/${id}/advance`, body),
  acknowledge: (code: string, id: string) =>
    http.post<NewProduct>(`${base(code)}/pipeline/${id}/acknowledge`, {}),
};
