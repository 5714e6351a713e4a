// Route guards: who may see which part of the app, and where everyone else goes.
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useParams, useSearchParams } from 'react-router';
import { Splash } from '../components/Splash';
import { ErrorPanel } from '../components/ErrorPanel';
import { Layout } from '../components/Layout';
import { RoleNotice } from '../components/RoleNotice';
import { FamilyProvider, useFamily } from './family';
import { useSession } from './session';

/** A `next` that stays on this site: a path, never `//host` or a full URL. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Login and signup: a signed-in user goes on to where they were headed. */
export function PublicOnly() {
  const { state } = useSession();
  const [params] = useSearchParams();
  if (state.status === 'ready') return <Navigate to={safeNext(params.get('next'))} replace />;
  if (state.status === 'loading') return <Splash />;
  return <Outlet />;
}

export function RequireAuth() {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (state.status === 'anonymous') {
    const here = location.pathname + location.search;
    const params = new URLSearchParams();
    if (state.reason !== 'signedOut' && here !== '/') params.set('next', here);
    if (state.reason !== 'none') params.set('reason', state.reason);
    const query = params.toString();
    return <Navigate to={`/login${query ? `?${query}` : ''}`} replace />;
  }
  return <Outlet />;
}

/** The app shell; a user without a family is sent to create one. */
export function RequireFamily() {
  const { family } = useSession();
  if (!family) return <Navigate to="/setup" replace />;
  return (
    <FamilyProvider key={family.id} family={family}>
      <Layout>
        <Outlet />
      </Layout>
    </FamilyProvider>
  );
}

/**
 * Writing and editing entries: a role that may only read is told so, with the way back,
 * instead of a form whose every submit the server would refuse.
 */
export function RequireWriter() {
  const { t } = useTranslation();
  const { family, canWrite } = useFamily();
  const { eid } = useParams();
  if (canWrite) return <Outlet />;
  return (
    <div className="page page--narrow">
      <RoleNotice
        role={family.role}
        job="write"
        backTo={eid ? `/entries/${eid}` : '/'}
        backLabel={eid ? t('roleNotice.toEntry') : t('roleNotice.toTimeline')}
      />
    </div>
  );
}
