// The local AI provider: Dadly's default AiProvider, which needs no model files, no network and
// no GPU. It is honest about what it is — curated Korean/English lexicons and feature hashing,
// not a language model — and deterministic: the same input gives the same output on every run
// and every machine, so insights and vectors can be recomputed and compared.
//
//  - Analyse: language from the share of Hangul vs Latin letters; an extractive summary (the best
//    one or two sentences of the body, in their order, at most kLocalSummaryMaxChars code
//    points); topics from the family-life lexicon (topic_lexicon.cc); emotions from the emotion
//    lexicon (emotion_lexicon.cc) with negation and intensifiers.
//  - Answer and Chat: extractive. Each passage is quoted by its sentence that shares the most
//    words with the question (or its opening), with its date and citation; a chat reply opens
//    with one line saying where it comes from, and is streamed a line at a time.
//  - Embed: feature hashing of analyzer terms (Hangul words, stems and syllable bigrams; Latin
//    stems and character trigrams) plus Korean↔English concept features (concept_lexicon.cc),
//    so "bike" and "자전거" share a dimension. Vectors are L2-normalised.
//
// Analyse lives in local_provider.cc, Answer and Chat in local_answer.cc (emotion weighing in
// local_emotions.cc), Embed in local_embedding.cc, the lexicons and their matcher behind
// local_lexicon.h.
//
// Thread safety: the provider holds no mutable state; every function here may be called from
// many threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ai/ai_provider.h"
#include "model/insight.h"

namespace dadly {

inline constexpr int kLocalEmbeddingDimensions = 384;
inline constexpr size_t kLocalSummaryMaxChars = 200;  // code points, "…" included
// Names the lexicons and feature weights: vectors made under another model name are not
// comparable, so a change to either means a new name and re-embedding.
inline constexpr const char* kLocalModel = "local-lexicon-1";

// The local provider, with vectors of `dimensions` floats (a value below 1 is taken as 1).
// Analyse and Embed never fail: invalid UTF-8 is read with U+FFFD in place of the bad bytes.
std::unique_ptr<AiProvider> NewLocalAiProvider(int dimensions = kLocalEmbeddingDimensions);

namespace local_ai {

// "ko", "en" or "mixed", from the share of Hangul among Hangul and Latin letters, a syllable
// counting as three letters (a block of two or three jamo): "ko" from 75 %, "en" up to 25 %.
// Text with neither (digits, emoji, nothing) is "ko", Dadly's first language.
std::string DetectLanguage(std::string_view text);

// What Analyse returns, without the provider around it.
//
// Summary: sentences of the body scored by how often their content words occur in the whole
// entry (title included), with a bonus for the first sentence (×1.25) and for sentences that hold a
// topic or an emotion; the title becomes the summary only when the body has no sentence.
//
// Emotions: each cue adds its weight to its emotion; an intensifier just before it (너무, 정말,
// so, very; up to two) multiplies it by 1.6 or 2.2, and a '!' in the sentence by 1.15. A negated
// cue adds nothing — "안 무서워", "무섭지 않았다", "재미없었다", "not scared", "didn't cry" — and
// a negated *hard* feeling (worry, sadness, anger, fear, tiredness) adds 0.4 of its weight to calm
// instead, since saying the fear was absent tells of ease; a negated happy word adds nothing
// (not happy is not sad). Scores are 1 - exp(-0.6 × total), rounded to 0.001.
Analysis AnalyseEntry(std::string_view title, std::string_view body);

// The embedding of one text: `dimensions` floats (at least 1) of unit length. A text with no
// features at all (empty, blank, only punctuation) cannot be normalised as a zero vector, so it
// gets one fixed "empty text" feature instead: every such text has the same unit vector, which is
// nearly orthogonal to every real text.
std::vector<float> EmbedText(std::string_view text, int dimensions);

// The extractive answer (or, with `chat`, the chat reply) to `question` from `passages`: one
// line per passage, "YYYY-MM-DD — sentence [n]", in the passages' order; with no passage, a plain
// "nothing found". Korean when the question holds Hangul, English otherwise.
std::string AnswerFrom(std::string_view question, const std::vector<Passage>& passages, bool chat);

}  // namespace local_ai
}  // namespace dadly
