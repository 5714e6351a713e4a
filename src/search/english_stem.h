// Light English stemming for the analyzer: regular plural, -ed and -ing forms meet their base
// form (rides, riding → ride; bikes → bike). Both sides of the index use it, so the stems only
// have to be consistent, not dictionary words (excite → excit). Pure.
#pragma once

#include <string>

namespace dadly::search {

// `word` is lower-case Latin letters.
std::string StemLatin(std::string word);

}  // namespace dadly::search
