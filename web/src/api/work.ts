import { http } from './http';

/** The work module: tasks, routines/checklists, escalations, handovers, design requests, Today. */

export const TASK_STATUSES = ['open', 'doing', 'waiting', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const DESIGN_KINDS = ['main_picture', 'detail_page', 'poster', 'photo_shoot', 'banner'] as const;
export const DESIGN_STATUSES = ['requested', 'accepted', 'in_progress', 'delivered', 'cancelled'] as const;
export const HANDOVER_KINDS = [
  'shift_day_night',
  'shift_night_day',
  'assistant_manager',
  'manager_assistant',
  'ops_designer',
  'designer_ops',
  'general',
] as const;

export type TaskLink = { kind: string; id: string; label?: string };
export type TaskAttachment = {
  name: string;
  url?: string;
  size?: number;
  mime?: string;
  at: string;
  by: string | null;
};
export type Task = {
  id: string;
  title: string;
  description: string | null;
  ownerPersonId: string | null;
  ownerRole: string | null;
  dueAt: string | null;
  priority: string;
  status: string;
  source: string;
  dedupeKey: string | null;
  links: TaskLink[];
  attachments: TaskAttachment[];
  outcome: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  overdue: boolean;
};
export type TaskEvent = {
  id: string;
  personId: string | null;
  kind: string;
  body: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
};
export type Escalation = {
  id: string;
  title: string;
  description: string | null;
  status: string;
  taskId: string | null;
  raisedBy: string;
  raisedByName: string | null;
  ownerPersonId: string | null;
  ownerName: string | null;
  step: number;
  steps: number;
  target: string | null;
  stepDueAt: string | null;
  overdue: boolean;
  createdAt: string | null;
};
export type EscalationRow = {
  id: string;
  title: string;
  status: string;
  ownerPersonId: string | null;
  stepIndex: number;
  stepDueAt: string;
  steps: { target: string; hours: number }[];
};
export type Chain = {
  id: string;
  key: string;
  groupKind: string;
  name: string;
  condition: string;
  steps: { target: string; hours: number }[];
  active: boolean;
};
export type TodayBlock = {
  routineItemId: string;
  role: string;
  title: string;
  start: string | null;
  end: string;
  done: boolean;
};
export type HandoverItem = {
  id: string;
  body: string;
  state: string;
  handoverId: string;
  kind: string;
  fromPersonId: string;
  fromName: string | null;
  businessDate: string;
  note: string | null;
  createdAt: string | null;
};
export type TeamRow = {
  personId: string;
  displayName: string;
  roles: string[];
  done: number;
  total: number;
  pastDue: number;
  overdueTasks: number;
  openTasks: number;
  behind: boolean;
};
export type Today = {
  now: string;
  businessDate: string;
  timeZone: string;
  minutes: number;
  routine: { blocks: TodayBlock[]; nowId: string | null; nextId: string | null };
  tasks: {
    items: Pick<
      Task,
      | 'id'
      | 'title'
      | 'status'
      | 'priority'
      | 'dueAt'
      | 'overdue'
      | 'ownerPersonId'
      | 'ownerRole'
      | 'source'
      | 'links'
    >[];
    total: number;
    overdue: number;
  };
  handover: HandoverItem[];
  escalations: { waiting: Escalation[]; raised: Escalation[] };
  team: null | { people: TeamRow[]; escalated: Escalation[] };
};
export type DesignRequest = {
  id: string;
  title: string;
  kind: string;
  requesterId: string | null;
  designerId: string | null;
  subjectKind: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  brief: string | null;
  dueAt: string | null;
  status: string;
  files: { name: string; url?: string; size?: number; mime?: string; at?: string }[];
  taskId: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type RoutineItem = {
  id: string;
  role: string;
  key: string;
  title: string;
  startTime: string | null;
  endTime: string;
  frequency: {
    kind: string;
    n?: number;
    anchor?: string;
    weekday?: number;
    day?: number;
    dayTo?: number;
    month?: number;
  };
  sort: number;
  active: boolean;
};
export type WorkingHours = { windows: { start: string; end: string }[]; weekdays?: number[] };

export type Handover = {
  id: string;
  kind: string;
  fromPersonId: string;
  toPersonId: string | null;
  toRole: string | null;
  businessDate: string;
  note: string | null;
  createdAt: string;
  items: {
    id: string;
    body: string;
    state: string;
    closedAt: string | null;
    closedBy: string | null;
    closeNote: string | null;
  }[];
};

export type TaskQuery = {
  status?: string;
  owner?: string;
  overdue?: boolean;
  open?: boolean;
  source?: string;
  limit?: number;
};
export type TaskInput = {
  title: string;
  description?: string | null;
  ownerPersonId?: string | null;
  ownerRole?: string | null;
  dueAt?: string | null;
  priority?: string;
};

const s = (code: string) => `/stores/${encodeURIComponent(code)}`;

export const workApi = {
  today: (code: string) => http.get<Today>(`${s(code)}/today`),
  tasks: (code: string, q: TaskQuery = {}) => http.get<{ items: Task[] }>(`${s(code)}/tasks`, q),
  task: (code: string, id: string) =>
    http.get<{ task: Task; story: TaskEvent[]; escalations: EscalationRow[] }>(`${s(code)}/tasks/${id}`),
  createTask: (code: string, body: TaskInput) => http.post<Task>(`${s(code)}/tasks`, body),
  updateTask: (
    code: string,
    id: string,
    body: Partial<TaskInput> & { status?: string; outcome?: string | null },
  ) => http.patch<Task>(`${s(code)}/tasks/${id}`, body),
  comment: (code: string, id: string, body: string) => http.post(`${s(code)}/tasks/${id}/comments`, { body }),
  attach: (code: string, id: string, files: { name: string; url?: string }[]) =>
    http.post(`${s(code)}/tasks/${id}/attachments`, { files }),
  tick: (code: string, routineItemId: string, done: boolean) =>
    http.post(`${s(code)}/checklist/${routineItemId}`, { done }),
  routines: (code: string) => http.get<{ items: RoutineItem[] }>(`${s(code)}/routines`),
  saveRoutine: (code: string, id: string | null, body: unknown) =>
    id
      ? http.put<RoutineItem>(`${s(code)}/routines/${id}`, body)
      : http.post<RoutineItem>(`${s(code)}/routines`, body),
  saveChain: (code: string, id: string | null, body: unknown) =>
    id
      ? http.put<Chain>(`${s(code)}/escalation-chains/${id}`, body)
      : http.post<Chain>(`${s(code)}/escalation-chains`, body),
  workingHours: (code: string) => http.get<WorkingHours>(`${s(code)}/working-hours`),
  saveWorkingHours: (code: string, body: WorkingHours) =>
    http.put<WorkingHours>(`${s(code)}/working-hours`, body),
  chains: (code: string) => http.get<{ items: Chain[] }>(`${s(code)}/escalation-chains`),
  raise: (
    code: string,
    body: { chain: string; title?: string; description?: string | null; taskId?: string | null },
  ) => http.post<EscalationRow>(`${s(code)}/escalations`, body),
  accept: (code: string, id: string) => http.post(`${s(code)}/escalations/${id}/accept`, {}),
  solve: (code: string, id: string, note?: string) =>
    http.post(`${s(code)}/escalations/${id}/solve`, { note }),
  escalationStory: (code: string, id: string) =>
    http.get<{
      story: {
        id: string;
        kind: string;
        stepIndex: number;
        personId: string | null;
        ownerPersonId: string | null;
        body: string | null;
        at: string;
      }[];
    }>(`${s(code)}/escalations/${id}`),
  handover: (
    code: string,
    body: {
      kind: string;
      toPersonId?: string | null;
      toRole?: string | null;
      note?: string | null;
      items: { body: string; state?: string }[];
    },
  ) => http.post(`${s(code)}/handovers`, body),
  handovers: (code: string, date?: string) =>
    http.get<{ items: Handover[] }>(`${s(code)}/handovers`, { date }),
  closeHandoverItem: (code: string, id: string, note?: string) =>
    http.post(`${s(code)}/handover-items/${id}/close`, { note }),
  designRequests: (code: string, status?: string) =>
    http.get<{ items: DesignRequest[] }>(`${s(code)}/design-requests`, { status }),
  createDesignRequest: (
    code: string,
    body: {
      title: string;
      kind: string;
      designerId?: string | null;
      subjectLabel?: string | null;
      brief?: string | null;
      dueAt?: string | null;
    },
  ) => http.post<DesignRequest>(`${s(code)}/design-requests`, body),
  updateDesignRequest: (
    code: string,
    id: string,
    body: {
      status?: string;
      designerId?: string | null;
      addFiles?: { name: string; size?: number; mime?: string }[];
    },
  ) => http.patch<DesignRequest>(`${s(code)}/design-requests/${id}`, body),
};
