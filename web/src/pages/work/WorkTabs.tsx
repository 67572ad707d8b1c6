import { Segmented } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useAccess } from '../../layouts/useAccess';

/** The work module's pages: tasks, design requests, and (manager) routines & chains. */
export function WorkTabs({ current }: { current: 'tasks' | 'handovers' | 'design' | 'setup' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const lead = !!access.store?.roles.some((r) => r === 'manager' || r === 'owner');
  const options = [
    { value: 'tasks', label: t('work.tasks.title') },
    { value: 'handovers', label: t('work.handovers.title') },
    { value: 'design', label: t('work.design.title') },
    ...(lead ? [{ value: 'setup', label: t('work.setup.title') }] : []),
  ];
  return (
    <Segmented
      data-testid="work-tabs"
      style={{ marginBottom: 12 }}
      value={current}
      options={options}
      onChange={(v) => navigate(`/s/${encodeURIComponent(code)}/work/${v}`)}
    />
  );
}
