// The routes of the app.
import { BrowserRouter, Route, Routes } from 'react-router';
import type { AuthBackend } from './auth/backend';
import { PublicOnly, RequireAuth, RequireFamily, RequireWriter } from './auth/guards';
import { SessionProvider } from './auth/session';
import { AccessPage } from './pages/AccessPage';
import { ChatPage } from './pages/ChatPage';
import { ChildrenPage } from './pages/ChildrenPage';
import { EditEntryPage, NewEntryPage } from './pages/EditorPage';
import { EmotionsPage } from './pages/EmotionsPage';
import { EntryPage } from './pages/EntryPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SearchPage } from './pages/SearchPage';
import { SetupPage } from './pages/SetupPage';
import { SignupPage } from './pages/SignupPage';
import { TimelinePage } from './pages/TimelinePage';
import { TrashPage } from './pages/TrashPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route element={<RequireFamily />}>
          <Route index element={<TimelinePage />} />
          <Route element={<RequireWriter />}>
            <Route path="/entries/new" element={<NewEntryPage />} />
            <Route path="/entries/:eid/edit" element={<EditEntryPage />} />
          </Route>
          <Route path="/entries/:eid" element={<EntryPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/chat/:cid?" element={<ChatPage />} />
          <Route path="/emotions" element={<EmotionsPage />} />
          <Route path="/children" element={<ChildrenPage />} />
          <Route path="/trash" element={<TrashPage />} />
          <Route path="/family/access" element={<AccessPage />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** `backend`: who signs users in, as the server's client config says (built-in by default). */
export function App({ backend }: { backend?: AuthBackend }) {
  return (
    <BrowserRouter>
      <SessionProvider backend={backend}>
        <AppRoutes />
      </SessionProvider>
    </BrowserRouter>
  );
}
