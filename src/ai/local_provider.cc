#include "ai/local_provider.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "ai/local_emotions.h"
#include "ai/local_lexicon.h"
#include "ai/sentences.h"
#include "core/utf8.h"
#include "search/analyzer.h"

namespace dadly {
namespace local_ai {
namespace {

// One sentence (or the title) as the analysis sees it.
struct Sentence {
  std::string_view text;   // as written, for the summary
  std::string normalized;  // what the word offsets point into
  std::vector<Word> words;
  int lexicon_hits = 0;  // topic and emotion matches, for the summary's bonus
};

Sentence Read(std::string_view text) {
  Sentence s;
  s.text = text;
  s.normalized = search::Normalize(text);
  s.words = WordsOf(s.normalized, search::Analyze(text));
  return s;
}

// The word a sentence is about, for term frequencies: its shortest form (the stem), unless it is
// a function word, a number or a single Latin letter.
std::string_view ContentTerm(const Word& w) {
  std::string_view best = w.forms.front();
  for (const std::string& f : w.forms) {
    if (!f.empty() && f.size() < best.size()) best = f;
  }
  if (IsStopword(w.surface) || IsStopword(best)) return {};
  if (std::all_of(best.begin(), best.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  if (best.size() == 1) return {};  // "a", "t", a stray letter
  return best;
}

std::vector<std::string> RankTopics(const std::vector<Sentence*>& sentences) {
  const Lexicon& topics = TopicLexicon();
  std::vector<double> weight(static_cast<size_t>(topics.size()), 0.0);
  for (Sentence* s : sentences) {
    for (const Lexicon::Match& m : topics.Find(s->words)) {
      weight[static_cast<size_t>(m.row)] += m.weight;
      ++s->lexicon_hits;
    }
  }
  std::vector<int> rows;
  for (int r = 0; r < topics.size(); ++r) {
    if (weight[static_cast<size_t>(r)] > 0) rows.push_back(r);
  }
  // By weight (a count when every trigger weighs 1), then lexicon order; stable_sort keeps it.
  std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
    return weight[static_cast<size_t>(a)] > weight[static_cast<size_t>(b)];
  });
  constexpr size_t kMaxTopics = 8;
  if (rows.size() > kMaxTopics) rows.resize(kMaxTopics);
  std::vector<std::string> out;
  for (int r : rows) out.push_back(topics.Id(r));
  return out;
}

std::string Summarize(const std::vector<Sentence>& body, const Sentence* title) {
  // Term frequencies over the whole entry; the title counts as context.
  std::unordered_map<std::string_view, int> freq;
  auto count = [&freq](const Sentence& s) {
    for (const Word& w : s.words) {
      if (const std::string_view t = ContentTerm(w); !t.empty()) ++freq[t];
    }
  };
  for (const Sentence& s : body) count(s);
  if (title != nullptr) count(*title);

  struct Scored {
    size_t index;
    double score;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < body.size(); ++i) {
    double sum = 0;
    int terms = 0;
    for (const Word& w : body[i].words) {
      if (const std::string_view t = ContentTerm(w); !t.empty()) {
        sum += freq[t];
        ++terms;
      }
    }
    // Dividing by √n rather than n: long sentences say more but must not win on length alone.
    double score = terms == 0 ? 0 : sum / std::sqrt(static_cast<double>(terms));
    if (terms < 2) score *= 0.5;  // "좋았다.", "Wow!": feeling, not content
    if (i == 0) score *= 1.25;    // diarists tend to open with what happened
    score *= 1 + 0.15 * std::min(body[i].lexicon_hits, 3);
    scored.push_back({i, score});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });

  std::vector<size_t> chosen = {scored[0].index};
  if (scored.size() > 1 && scored[1].score >= 0.75 * scored[0].score) {
    const size_t together =
        CodePointCount(body[scored[0].index].text) + 1 + CodePointCount(body[scored[1].index].text);
    if (together <= kLocalSummaryMaxChars) chosen.push_back(scored[1].index);
  }
  std::sort(chosen.begin(), chosen.end());
  std::string summary;
  for (size_t i : chosen) {
    if (!summary.empty()) summary += ' ';
    summary += body[i].text;
  }
  return ClipText(summary, kLocalSummaryMaxChars);
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  size_t hangul = 0;
  size_t latin = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) ++latin;
      ++i;
      continue;
    }
    const size_t n = (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
    if (n == 3 && i + 3 <= text.size()) {
      const char32_t c = ((b & 0x0f) << 12) |
                         ((static_cast<unsigned char>(text[i + 1]) & 0x3f) << 6) |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3f);
      if (search::IsHangulSyllable(c)) {
        hangul += 3;  // a syllable is a block of two or three letters
      } else if (c >= 0x3131 && c <= 0x318e) {
        hangul += 1;  // a bare jamo: ㅋㅋ, ㅠㅠ
      }
    }
    i += n;
  }
  if (hangul + latin == 0) return "ko";
  const double share = static_cast<double>(hangul) / static_cast<double>(hangul + latin);
  if (share >= 0.75) return "ko";
  if (share <= 0.25) return "en";
  return "mixed";
}

Analysis AnalyseEntry(std::string_view title, std::string_view body) {
  Analysis a;
  std::string all(title);
  all += '\n';
  all += body;
  a.language = DetectLanguage(all);

  std::vector<Sentence> sentences;
  for (const SentenceSpan& span : SplitSentences(body)) {
    sentences.push_back(Read(body.substr(span.begin, span.end - span.begin)));
  }
  const std::vector<SentenceSpan> title_spans = SplitSentences(title);
  std::optional<Sentence> title_sentence;
  if (!title_spans.empty()) {
    const std::string_view t =
        title.substr(title_spans.front().begin, title_spans.back().end - title_spans.front().begin);
    title_sentence = Read(t);
  }

  std::vector<Sentence*> all_sentences;
  for (Sentence& s : sentences) all_sentences.push_back(&s);
  if (title_sentence) all_sentences.push_back(&*title_sentence);

  a.topics = RankTopics(all_sentences);
  EmotionTally tally;
  for (Sentence* s : all_sentences) {
    s->lexicon_hits += tally.AddSentence(s->words, s->normalized);
  }
  a.emotions = tally.Scores();

  if (!sentences.empty()) {
    a.summary = Summarize(sentences, title_sentence ? &*title_sentence : nullptr);
  } else if (title_sentence) {
    a.summary = ClipText(title_sentence->text, kLocalSummaryMaxChars);
  }
  return a;
}

}  // namespace local_ai

namespace {

class LocalAiProvider final : public AiProvider {
 public:
  explicit LocalAiProvider(int dimensions) : dimensions_(std::max(1, dimensions)) {}

  std::string Name() const override { return "local"; }
  std::string Model() const override { return kLocalModel; }
  int Dimensions() const override { return dimensions_; }
  std::string EmbeddingModel() const override { return kLocalModel; }

  Result<Analysis> Analyse(AiCall& call, const std::string& title,
                           const std::string& body) override {
    Analysis a = local_ai::AnalyseEntry(title, body);
    if (call.trace_content) {
      call.sent = title.empty() ? body : title + "\n" + body;
      call.received = a.summary;
    }
    return a;
  }

  Result<std::vector<std::vector<float>>> Embed(AiCall& call,
                                                const std::vector<std::string>& texts) override {
    std::vector<std::vector<float>> out;
    out.reserve(texts.size());
    for (const std::string& t : texts) {
      out.push_back(local_ai::EmbedText(t, dimensions_));
      if (call.trace_content) call.sent += (call.sent.empty() ? "" : "\n") + t;
    }
    return out;
  }

  Result<std::string> Answer(AiCall& call, const std::string& question,
                             const std::vector<Passage>& passages) override {
    std::string answer = local_ai::AnswerFrom(question, passages, /*chat=*/false);
    if (call.trace_content) {
      call.sent = question;
      call.received = answer;
    }
    return answer;
  }

  Result<std::string> Chat(AiCall& call, const std::vector<ChatTurn>& history,
                           const std::vector<Passage>& passages, const OnDelta& on_delta) override {
    const std::string question = history.empty() ? std::string() : history.back().content;
    std::string reply = local_ai::AnswerFrom(question, passages, /*chat=*/true);
    // Streamed a line at a time, so a chat client sees the same flow as with a model.
    for (size_t at = 0; at < reply.size();) {
      const size_t nl = reply.find('\n', at);
      const size_t end = nl == std::string::npos ? reply.size() : nl + 1;
      on_delta(std::string_view(reply).substr(at, end - at));
      at = end;
    }
    if (call.trace_content) {
      call.sent = question;
      call.received = reply;
    }
    return reply;
  }

 private:
  const int dimensions_;
};

}  // namespace

std::unique_ptr<AiProvider> NewLocalAiProvider(int dimensions) {
  return std::make_unique<LocalAiProvider>(dimensions);
}

}  // namespace dadly
