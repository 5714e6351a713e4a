// What a search found: the answer with its [n] markers as links to the entries it cites, the
// cited entries, and every matching entry with the words that matched. Everything the server
// sends is plain text: React escapes it, and matched words are <mark> elements made here.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SearchCitation, SearchResponse, Snippet } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { answerLines } from '../lib/search';

const entryHref = (id: string) => `/entries/${id}`;

/** The answer and its sources; only for a search that found something. */
export function SearchAnswer({ response }: { response: SearchResponse }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { citations } = response;
  return (
    <section className="answer" aria-labelledby="answer-title" data-testid="answer">
      <h2 id="answer-title" className="answer__title">
        {t('search.answer')}
      </h2>
      <div className="answer__text">
        <CitedParagraphs text={response.answer} citations={citations} />
      </div>
      {citations.length > 0 && (
        <>
          <h3 className="answer__sources-title">{t('search.sources')}</h3>
          <ol className="citations">
            {citations.map((c, i) => (
              <li key={c.entry_id} className="citations__item">
                <Link to={entryHref(c.entry_id)} className="citations__link">
                  <span className="citations__marker">[{i + 1}]</span>
                  <time dateTime={c.occurred_at} className="citations__date">
                    {formatDay(c.occurred_at, lang)}
                  </time>
                  <span className="citations__snippet">
                    <SnippetText snippet={c.snippet} />
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** A [n] marker as a link to the entry it cites (search answers and chat replies). */
type Citable = Pick<SearchCitation, 'entry_id' | 'occurred_at'>;

/** An answer or a reply, a paragraph per line, its [n] markers as links to `citations[n-1]`. */
export function CitedParagraphs({ text, citations }: { text: string; citations: Citable[] }) {
  return (
    <>
      {answerLines(text, citations.length).map((parts, i) => (
        <p key={i}>
          {parts.map((part, j) =>
            part.kind === 'text' ? (
              <Fragment key={j}>{part.text}</Fragment>
            ) : (
              <CiteLink key={j} n={part.index + 1} citation={citations[part.index]} />
            ),
          )}
        </p>
      ))}
    </>
  );
}

export function CiteLink({ n, citation }: { n: number; citation: Citable }) {
  const { t } = useTranslation();
  const date = formatDay(citation.occurred_at, currentLanguage());
  return (
    <Link to={entryHref(citation.entry_id)} className="cite" aria-label={t('search.cite', { n, date })}>
      [{n}]
    </Link>
  );
}

/** Every entry that matched, best first: its day and the stretch that matched. */
export function SearchResults({ response }: { response: SearchResponse }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { results } = response;
  return (
    <section className="search-results" aria-labelledby="results-title">
      <header className="search-results__head">
        <h2 id="results-title" className="search-results__title">
          {t('search.results')}
        </h2>
        <span className="search-results__count">{t('search.count', { count: results.length })}</span>
      </header>
      <ol className="search-results__list">
        {results.map((r) => (
          <li key={r.entry_id}>
            <article className="entry-card" data-testid="search-result" data-entry-id={r.entry_id}>
              <div className="entry-card__meta">
                <time dateTime={r.occurred_at}>{formatDay(r.occurred_at, lang)}</time>
              </div>
              <p className="entry-card__body search-results__snippet">
                <Link to={entryHref(r.entry_id)} className="entry-card__link">
                  <SnippetText snippet={r.snippet} />
                </Link>
              </p>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A snippet as text, its matched words marked; "…" where the entry goes on. */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <>
      {snippet.cut_before && '…'}
      {snippet.segments.map((s, i) =>
        s.highlighted ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>,
      )}
      {snippet.cut_after && '…'}
    </>
  );
}
