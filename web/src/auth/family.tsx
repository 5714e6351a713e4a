// The chosen family and its members (the children entries are about), loaded once for the
// pages inside the app shell.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { FamilySummary, Member } from '../api/types';
import { canManageAccess, canManageChildren, canWrite } from '../lib/permissions';

export interface FamilyValue {
  family: FamilySummary;
  members: Member[];
  membersLoaded: boolean;
  membersError: unknown;
  reloadMembers(): Promise<void>;
  canWrite: boolean;
  canManageChildren: boolean;
  canManageAccess: boolean;
}

const FamilyContext = createContext<FamilyValue | null>(null);

export function FamilyProvider({ family, children }: { family: FamilySummary; children: ReactNode }) {
  const [members, setMembers] = useState<Member[]>([]);
  const [membersLoaded, setLoaded] = useState(false);
  const [membersError, setError] = useState<unknown>(null);

  const reloadMembers = useCallback(async () => {
    try {
      setMembers(await api.listMembers(family.id));
      setError(null);
    } catch (error) {
      setError(error);
    } finally {
      setLoaded(true);
    }
  }, [family.id]);

  useEffect(() => {
    setLoaded(false);
    void reloadMembers();
  }, [reloadMembers]);

  const value: FamilyValue = {
    family,
    members,
    membersLoaded,
    membersError,
    reloadMembers,
    canWrite: canWrite(family.role),
    canManageChildren: canManageChildren(family.role),
    canManageAccess: canManageAccess(family.role),
  };
  return <FamilyContext.Provider value={value}>{children}</FamilyContext.Provider>;
}

export function useFamily(): FamilyValue {
  const value = useContext(FamilyContext);
  if (!value) throw new Error('useFamily outside FamilyProvider');
  return value;
}
