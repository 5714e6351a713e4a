// After an entry is moved to the trash, the timeline offers to take it back at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import { useFamily } from '../auth/family';
import { describeError } from '../i18n/errors';

export function UndoDelete({ onRestored }: { onRestored: () => void }) {
  const { t } = useTranslation();
  const { family } = useFamily();
  const location = useLocation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [restored, setRestored] = useState(false);
  const deletedId = (location.state as { deletedId?: string } | null)?.deletedId;

  if (restored) {
    return (
      <p className="notice" role="status">
        {t('timeline.restored')}
      </p>
    );
  }
  if (!deletedId) return null;

  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.restoreEntry(family.id, deletedId);
      navigate(location.pathname + location.search, { replace: true, state: null });
      setRestored(true);
      onRestored();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice" role="status">
      <span>{t('timeline.deleted')}</span>
      <button type="button" className="button button--link" onClick={() => void undo()} disabled={busy}>
        {t('timeline.undo')}
      </button>
      {error !== null && (
        <span className="notice__error">{describeError(error, t, 'edit').message}</span>
      )}
    </div>
  );
}
