// The page's h1. It sets the document title and, after a navigation inside the app, takes
// focus so a screen reader announces where the navigation led. On the first page of a load
// focus stays at the top, so the first Tab still reaches the skip link.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPageOfLoad = true;

export function PageHeading({
  title,
  children,
  className = 'page-title',
}: {
  title: string;
  children?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    if (firstPageOfLoad) {
      firstPageOfLoad = false;
      return;
    }
    // Leave focus alone if the user already moved into the page (e.g. autofocus).
    if (document.activeElement === document.body || document.activeElement === null) {
      ref.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children ?? title}
    </h1>
  );
}
