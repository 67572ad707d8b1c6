import { http } from './http';

export type Notification = {
  id: string;
  event: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};
export type Channel = {
  id: string;
  kind: string;
  name: string;
  url: string;
  hasSecret: boolean;
  active: boolean;
  createdAt: string;
};
export type Delivery = {
  id: string;
  channelId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  payload: { title: string };
};
export type Rule = {
  id: string;
  event: string;
  roles: string[];
  personIds: string[];
  channelIds: string[];
  active: boolean;
};

const s = (code: string) => `/stores/${encodeURIComponent(code)}`;

export const notifyApi = {
  inbox: (code: string, unread?: boolean) =>
    http.get<{ items: Notification[]; unread: number }>(`${s(code)}/notifications`, { unread }),
  unread: (code: string) => http.get<{ unread: number }>(`${s(code)}/notifications/unread-count`),
  read: (code: string, ids?: string[]) =>
    http.post<{ unread: number }>(`${s(code)}/notifications/read`, { ids }),
  channels: (code: string) => http.get<{ items: Channel[] }>(`${s(code)}/notify/channels`),
  saveChannel: (code: string, body: { kind: string; name: string; url: string; secret?: string | null }) =>
    http.post<Channel>(`${s(code)}/notify/channels`, body),
  deleteChannel: (code: string, id: string) => http.del(`${s(code)}/notify/channels/${id}`),
  testChannel: (code: string, id: string) => http.post(`${s(code)}/notify/channels/${id}/test`, {}),
  rules: (code: string) => http.get<{ items: Rule[]; events: string[] }>(`${s(code)}/notify/rules`),
  saveRule: (code: string, body: { event: string; roles: string[]; channelIds: string[] }) =>
    http.post<Rule>(`${s(code)}/notify/rules`, body),
  deleteRule: (code: string, id: string) => http.del(`${s(code)}/notify/rules/${id}`),
  deliveries: (code: string) => http.get<{ items: Delivery[] }>(`${s(code)}/notify/deliveries`),
  settings: (code: string) =>
    http.get<{ quietStart: string | null; quietEnd: string | null }>(`${s(code)}/notify/settings`),
  saveSettings: (code: string, body: { quietStart: string | null; quietEnd: string | null }) =>
    http.put(`${s(code)}/notify/settings`, body),
};
