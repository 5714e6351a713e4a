// What just happened to a list (saved, removed, not found), read out where it is: a status line
// for news, an alert for trouble.
export type News = { text: string; alert: boolean } | null;

export function ListNews({ news }: { news: News }) {
  return (
    <>
      <p className="form__status" role="status">
        {news && !news.alert && news.text}
      </p>
      {news?.alert && (
        <p className="alert alert--error" role="alert">
          {news.text}
        </p>
      )}
    </>
  );
}
