#include "search/english_stem.h"

#include <string_view>

namespace dadly::search {
namespace {

bool IsVowelAt(std::string_view w, size_t i) {
  if (std::string_view("aeiou").find(w[i]) != std::string_view::npos) return true;
  // y is a vowel after a consonant ("happy") and a consonant otherwise ("yes", "play").
  return w[i] == 'y' && i > 0 && !IsVowelAt(w, i - 1);
}

bool HasVowel(std::string_view w) {
  for (size_t i = 0; i < w.size(); ++i) {
    if (IsVowelAt(w, i)) return true;
  }
  return false;
}

// Porter's measure: how many vowel-consonant sequences the stem has ("tr"=0, "ride"=1).
int Measure(std::string_view w) {
  int m = 0;
  bool prev_vowel = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const bool vowel = IsVowelAt(w, i);
    if (prev_vowel && !vowel) ++m;
    prev_vowel = vowel;
  }
  return m;
}

// Consonant-vowel-consonant ending whose last letter is not w, x or y: "hop", "rid", "bik".
bool EndsCvc(std::string_view w) {
  const size_t n = w.size();
  if (n < 3) return false;
  const char last = w[n - 1];
  return !IsVowelAt(w, n - 3) && IsVowelAt(w, n - 2) && !IsVowelAt(w, n - 1) && last != 'w' &&
         last != 'x' && last != 'y';
}

bool EndsWith(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

// Undoes what -ed/-ing did to the stem: "hopp"→"hop", "rid"→"ride", "dat"→"date", "us"→"use".
void RepairVerbStem(std::string& w) {
  const size_t n = w.size();
  if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
    w += 'e';
  } else if (n >= 4 && w[n - 1] == w[n - 2] && !IsVowelAt(w, n - 1) && w[n - 1] != 'l' &&
             w[n - 1] != 's' && w[n - 1] != 'z') {
    w.pop_back();
  } else if ((Measure(w) == 1 && EndsCvc(w)) || (n == 2 && IsVowelAt(w, 0) && !IsVowelAt(w, 1))) {
    w += 'e';
  }
}

}  // namespace

std::string StemLatin(std::string w) {
  static constexpr std::pair<std::string_view, std::string_view> kIrregular[] = {
      {"children", "child"}, {"men", "man"},    {"women", "woman"}, {"feet", "foot"},
      {"teeth", "tooth"},    {"mice", "mouse"}, {"buses", "bus"},   {"gases", "gas"}};
  for (const auto& [plural, singular] : kIrregular) {
    if (w == plural) return std::string(singular);
  }
  if (w.size() <= 3) return w;  // "is", "bus", "red", "yes" stay as they are

  if (EndsWith(w, "sses")) {
    w.resize(w.size() - 2);
  } else if (EndsWith(w, "ies")) {
    if (w.size() > 4) {
      w.resize(w.size() - 3);
      w += 'y';  // "stories"→"story"
    } else {
      w.pop_back();  // "ties"→"tie"
    }
  } else if (EndsWith(w, "xes") || EndsWith(w, "zes") || EndsWith(w, "ches") ||
             EndsWith(w, "shes")) {
    w.resize(w.size() - 2);
  } else if (w.back() == 's' && !EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is")) {
    w.pop_back();
  }

  if (EndsWith(w, "eed")) {
    if (Measure(std::string_view(w).substr(0, w.size() - 3)) > 0) w.pop_back();  // "agreed"
  } else if (EndsWith(w, "ied") && w.size() > 4) {
    w.resize(w.size() - 3);
    w += 'y';  // "cried"→"cry", like "cries"
  } else if (EndsWith(w, "ed") && HasVowel(std::string_view(w).substr(0, w.size() - 2))) {
    w.resize(w.size() - 2);
    RepairVerbStem(w);
  } else if (EndsWith(w, "ing") && HasVowel(std::string_view(w).substr(0, w.size() - 3))) {
    w.resize(w.size() - 3);  // the vowel guard keeps "sing", "thing", "string"
    RepairVerbStem(w);
  }

  if (w.size() > 3 && EndsWith(w, "ie")) {
    w.resize(w.size() - 2);
    w += 'y';  // "movie" meets "movies"→"movy"
  } else if (w.size() >= 5 && w.back() == 'e') {
    const std::string_view stem = std::string_view(w).substr(0, w.size() - 1);
    const int m = Measure(stem);
    if (m > 1 || (m == 1 && !EndsCvc(stem))) w.pop_back();  // "excite" meets "excited"→"excit"
  }
  return w;
}

}  // namespace dadly::search
