// How fast the local insight pipeline and hybrid search are, in memory, for one family of 1k,
// 10k and 100k entries (issue 5's speed figures; docs/BENCHMARKS.md).
//
//   ninja -C build search_speed && ./build/search_speed [max_entries]
//
// Entries are generated from diary-like Korean and English sentences (a fixed seed). For each
// size it reports: the local provider's Analyse + Embed throughput on one thread, the time to
// build the family's index from analysed entries, the index's memory per entry, and the latency
// of a search (embed the query, rank by BM25 and cosine, fuse, cut snippets of the top 10) over
// 300 queries: p50, p95 and max. The Store's part of a search (its change-mark query) is not in
// these figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "ai/local_provider.h"
#include "search/family_index.h"
#include "search/snippet.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* kSentences[] = {
    "서윤이가 오늘 처음으로 두발자전거를 탔다.",
    "하준이가 감기에 걸려서 병원에 다녀왔다.",
    "할머니 댁에 가서 송편을 만들었다.",
    "놀이터에서 친구들이랑 한참을 놀았다.",
    "We went to the beach and the kids swam all afternoon.",
    "유치원 발표회에서 노래를 불렀다.",
    "밤에 무서운 꿈을 꿨다고 울면서 깼다.",
    "첫눈이 와서 눈사람을 만들었다.",
    "She read her first book all by herself.",
    "태권도 학원에서 노란 띠를 받았다.",
    "생일 케이크에 초를 다섯 개 꽂았다.",
    "동생이랑 장난감 때문에 싸우고 금방 화해했다.",
    "The doctor said it was just a cold.",
    "비가 와서 집에서 그림을 그렸다.",
    "피아노 학원에서 처음으로 연주회를 했다.",
    "제주도 여행에서 말을 탔다.",
    "He said 'appa' for the first time today.",
    "이가 하나 빠져서 베개 밑에 넣었다.",
    "너무 피곤해서 저녁도 안 먹고 잠들었다.",
    "We planted tomatoes in the garden.",
};
const char* kQueries[] = {
    "서윤이가 처음 두발자전거를 탄 게 언제였지?",
    "아이들이 아팠던 날",
    "bike",
    "바다 여행",
    "first words",
    "무서운 꿈",
    "생일 파티",
    "태권도 띠",
    "눈사람",
    "할머니 댁",
    "proud moments",
    "피아노 연주회",
    "이가 빠진 날",
    "rainy day drawing",
    "제주도",
};

std::vector<std::string> MakeEntries(size_t n) {
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<size_t> pick(0, std::size(kSentences) - 1);
  std::uniform_int_distribution<int> count(1, 5);
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string text;
    for (int s = count(rng); s > 0; --s) text += std::string(kSentences[pick(rng)]) + " ";
    out.push_back(text + "#" + std::to_string(i));  // every entry a little different
  }
  return out;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  const size_t max_entries = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  auto ai = dadly::NewLocalAiProvider(384);
  dadly::AiCall call{"bench", "embed"};
  std::printf(
      "| entries | Analyse+Embed (entries/s, 1 thread) | index build | memory/entry | "
      "search p50 | p95 | max |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (size_t n : {size_t{1000}, size_t{10000}, size_t{100000}}) {
    if (n > max_entries) break;
    const auto texts = MakeEntries(n);
    std::vector<dadly::search::IndexedDoc> docs;
    docs.reserve(n);
    const auto t0 = Clock::now();
    for (size_t i = 0; i < n; ++i) {
      auto analysis = ai->Analyse(call, "", texts[i]);
      auto vector = ai->Embed(call, {texts[i]});
      if (!analysis || !vector) return 1;
      docs.push_back({static_cast<int64_t>(i + 1),
                      std::to_string(i),
                      "2024-01-01",
                      {},
                      texts[i],
                      std::move(vector->front())});
    }
    const double pipeline_s = Ms(Clock::now() - t0) / 1000;
    const auto t1 = Clock::now();
    const dadly::search::FamilyIndex index(std::move(docs));
    const double build_ms = Ms(Clock::now() - t1);
    std::vector<double> latencies;
    for (int i = 0; i < 300; ++i) {
      const char* query = kQueries[static_cast<size_t>(i) % std::size(kQueries)];
      const auto start = Clock::now();
      auto qv = ai->Embed(call, {query});
      const auto hits = index.Search(query, qv->front(), {}, 10);
      size_t segments = 0;
      for (const auto& h : hits)
        segments += dadly::search::MakeSnippet(h.doc->text, query).segments.size();
      latencies.push_back(Ms(Clock::now() - start));
      if (segments == 0 && !hits.empty()) return 1;
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("| %zu | %.0f | %.0f ms | %.0f B | %.2f ms | %.2f ms | %.2f ms |\n", n,
                static_cast<double>(n) / pipeline_s, build_ms,
                static_cast<double>(index.MemoryBytes()) / static_cast<double>(n),
                latencies[latencies.size() / 2], latencies[latencies.size() * 95 / 100],
                latencies.back());
    std::fflush(stdout);
  }
  return 0;
}
