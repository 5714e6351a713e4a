#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/utf8.h"

namespace dadly::search {
namespace {

std::set<std::string> Words(std::string_view text) {
  std::set<std::string> words;
  for (const Token& t : Analyze(text)) {
    if (t.kind == Token::Kind::kWord) words.insert(t.term);
  }
  return words;
}

std::set<std::string> Bigrams(std::string_view text) {
  std::set<std::string> bigrams;
  for (const Token& t : Analyze(text)) {
    if (t.kind == Token::Kind::kBigram) bigrams.insert(t.term);
  }
  return bigrams;
}

bool SharesWord(std::string_view a, std::string_view b) {
  const std::set<std::string> wa = Words(a);
  const std::set<std::string> wb = Words(b);
  return std::any_of(wa.begin(), wa.end(), [&](const std::string& w) { return wb.count(w) > 0; });
}

// Canonical decomposition of precomposed Hangul syllables (what macOS file names and some
// keyboards produce), by the arithmetic of the Unicode standard.
std::string DecomposeHangul(std::u32string_view text) {
  std::u32string out;
  for (const char32_t c : text) {
    if (!IsHangulSyllable(c)) {
      out.push_back(c);
      continue;
    }
    const char32_t s = c - 0xac00;
    out.push_back(0x1100 + s / (21 * 28));
    out.push_back(0x1161 + (s % (21 * 28)) / 28);
    if (s % 28 != 0) out.push_back(0x11a7 + s % 28);
  }
  std::string utf8;
  for (const char32_t c : out) {
    if (c < 0x80) {
      utf8.push_back(static_cast<char>(c));
    } else {
      utf8.push_back(static_cast<char>(0xe0 | (c >> 12)));
      utf8.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      utf8.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return utf8;
}

TEST(Analyzer, ParticlesAreStrippedToTheNoun) {
  for (const char* form : {"자전거를", "자전거에서", "자전거", "자전거로", "자전거도"}) {
    EXPECT_TRUE(Words(form).count("자전거")) << form;
    EXPECT_TRUE(SharesWord(form, "자전거")) << form;
  }
  EXPECT_TRUE(Words("도서관에서").count("도서관"));
  EXPECT_TRUE(Words("동생이랑").count("동생"));
}

TEST(Analyzer, VerbFormsShareTheirStem) {
  EXPECT_TRUE(SharesWord("탔다", "타고"));
  EXPECT_TRUE(Words("탔다").count("타"));
  EXPECT_TRUE(Words("갔어요").count("가"));
  EXPECT_TRUE(Words("먹었다").count("먹"));
  EXPECT_TRUE(Words("먹었고").count("먹"));
  EXPECT_TRUE(Words("운동했다").count("운동"));
  EXPECT_TRUE(Words("맛있어요").count("맛있"));  // 있 keeps its ㅆ
}

TEST(Analyzer, TwoSyllableNounsMatch) {
  EXPECT_TRUE(SharesWord("생일 파티를 했다", "생일"));
  EXPECT_TRUE(SharesWord("병원에 갔다", "병원"));
  EXPECT_TRUE(SharesWord("수영을 배웠다", "수영"));
  // Written without a space, the noun still shares a syllable bigram with the query.
  EXPECT_TRUE(Bigrams("생일파티").count("생일"));
  EXPECT_TRUE(Bigrams("생일").count("생일"));
}

TEST(Analyzer, ShortNounsAreNotDamaged) {
  EXPECT_EQ(Words("가방"), std::set<std::string>{"가방"});
  EXPECT_EQ(Words("도서관"), std::set<std::string>{"도서관"});
  EXPECT_EQ(Words("수영"), std::set<std::string>{"수영"});
  // 과 and 이 only follow a final consonant, so these nouns keep their last syllable.
  EXPECT_EQ(Words("사과"), std::set<std::string>{"사과"});
  EXPECT_EQ(Words("오이"), std::set<std::string>{"오이"});
  EXPECT_EQ(Words("아이랑"), (std::set<std::string>{"아이랑", "아이"}));
}

TEST(Analyzer, OneSyllableWordsYieldOnlyThemselves) {
  const std::vector<Token> tokens = Analyze("집");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].term, "집");
  EXPECT_EQ(tokens[0].kind, Token::Kind::kWord);
  // A word that is all particle keeps at least one syllable.
  for (const Token& t : Analyze("를 에서 이랑 했다 었어요")) EXPECT_FALSE(t.term.empty());
}

TEST(Analyzer, EmitsWordStemThenBigramsInTextOrder) {
  const std::vector<Token> tokens = Analyze("자전거를 탔다");
  ASSERT_GE(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].term, "자전거를");
  EXPECT_EQ(tokens[1].term, "자전거");
  EXPECT_EQ(tokens[2].term, "자전");
  EXPECT_EQ(tokens[2].kind, Token::Kind::kBigram);
  EXPECT_EQ(tokens[3].term, "전거");
  EXPECT_EQ(tokens[4].term, "거를");
  EXPECT_EQ(tokens.back().term, "탔다");
  EXPECT_EQ(tokens.back().kind, Token::Kind::kBigram);
}

TEST(Analyzer, MixesKoreanAndEnglish) {
  const std::string text = "오늘 Bike 탔다";
  const std::set<std::string> words = Words(text);
  EXPECT_TRUE(words.count("오늘"));
  EXPECT_TRUE(words.count("bike"));
  EXPECT_TRUE(words.count("타"));
  const std::string norm = Normalize(text);
  for (const Token& t : Analyze(text)) {
    ASSERT_LE(t.end, norm.size());
    ASSERT_LT(t.begin, t.end);
    EXPECT_TRUE(IsValidUtf8(norm.substr(t.begin, t.end - t.begin))) << t.term;
    if (t.term == "bike") {
      EXPECT_EQ(norm.substr(t.begin, t.end - t.begin), "bike");
    }
  }
  // A particle glued to an English word or a number is not a word of its own.
  EXPECT_EQ(Words("bike를"), std::set<std::string>{"bike"});
  EXPECT_EQ(Words("5km를"), (std::set<std::string>{"5", "km"}));
  EXPECT_TRUE(Words("2024년 3월").count("2024"));
}

TEST(Analyzer, DecomposedHangulAnalyzesLikeComposed) {
  const std::u32string text = U"어제 자전거를 탔다. 생일 파티를 했다!";
  std::string nfc;
  for (const char32_t c : text) {
    if (c < 0x80) {
      nfc.push_back(static_cast<char>(c));
    } else {
      nfc.push_back(static_cast<char>(0xe0 | (c >> 12)));
      nfc.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      nfc.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  const std::string nfd = DecomposeHangul(text);
  ASSERT_NE(nfd, nfc);
  EXPECT_EQ(Normalize(nfd), nfc);
  const std::vector<Token> a = Analyze(nfc);
  const std::vector<Token> b = Analyze(nfd);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].term, b[i].term);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].end, b[i].end);
  }
  // 한 written by hand as its three jamo.
  EXPECT_EQ(Normalize("\u1112\u1161\u11ab"), "한");
  EXPECT_EQ(Normalize("Cafe\u0301"), "caf\u00e9");
}

TEST(Analyzer, FoldsCase) {
  EXPECT_EQ(Words("Bike"), Words("BIKE"));
  EXPECT_EQ(Words("Bike"), Words("bike"));
  EXPECT_EQ(Normalize("BIKE Straße ÉCLAIR"), "bike strasse éclair");
}

TEST(Analyzer, StemsEnglishLightly) {
  EXPECT_EQ(Words("rides"), std::set<std::string>{"ride"});
  EXPECT_EQ(Words("riding"), std::set<std::string>{"ride"});
  EXPECT_EQ(Words("ride"), std::set<std::string>{"ride"});
  EXPECT_EQ(Words("bikes"), std::set<std::string>{"bike"});
  EXPECT_EQ(Words("stories"), Words("story"));
  EXPECT_EQ(Words("played"), Words("playing"));
  EXPECT_EQ(Words("stopped"), Words("stop"));
  EXPECT_EQ(Words("running"), Words("run"));
  EXPECT_EQ(Words("boxes"), Words("box"));
  EXPECT_EQ(Words("Dad's"), Words("dad"));
  for (const char* kept : {"is", "bus", "sing", "red", "thing", "glass", "this"}) {
    EXPECT_EQ(Words(kept), std::set<std::string>{kept}) << kept;
  }
}

TEST(Analyzer, PunctuationSeparatesAndYieldsNothing) {
  EXPECT_TRUE(Analyze(" ... !!! -- ").empty());
  EXPECT_EQ(Words("하늘,바다"), (std::set<std::string>{"하늘", "바다", "바"}));
  EXPECT_EQ(Words("ㅋㅋㅋ"), std::set<std::string>{"ㅋㅋㅋ"});
}

TEST(Analyzer, ReplacesInvalidUtf8) {
  EXPECT_EQ(Normalize("a\xff"
                      "b"),
            "a\uFFFDb");
  EXPECT_TRUE(IsValidUtf8(Normalize("\xe1\x84 자전거 \xc0\xaf")));
  EXPECT_TRUE(Words("\xff자전거\xfe").count("자전거"));
}

}  // namespace
}  // namespace dadly::search
