#include "http/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace dadly::http {
namespace {

// How many bytes from `s` on need no escaping: not `"`, not `\`, not below 0x20.
size_t PlainPrefix(const char* s, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i below_space = _mm_set1_epi8(0x1f);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    // Unsigned v <= 0x1f exactly when max(v, 0x1f) == 0x1f; bytes of UTF-8 text are >= 0x80.
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\' || c < 0x20) return i;
  }
  return n;
}

void AppendEscaped(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      out.append(u, sizeof u);
    }
  }
}

}  // namespace

JsonWriter& JsonWriter::String(std::string_view value) {
  Separate();
  out_ += '"';
  const char* s = value.data();
  size_t n = value.size();
  while (n > 0) {
    const size_t plain = PlainPrefix(s, n);
    out_.append(s, plain);
    if (plain == n) break;
    AppendEscaped(out_, static_cast<unsigned char>(s[plain]));
    s += plain + 1;
    n -= plain + 1;
  }
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  Separate();
  char text[24];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out_.append(text, end);
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  if (!std::isfinite(value)) return Null();
  Separate();
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out_.append(text, end);
  // A whole number keeps a fraction, so it reads back as a floating-point number everywhere.
  if (std::memchr(text, '.', static_cast<size_t>(end - text)) == nullptr &&
      std::memchr(text, 'e', static_cast<size_t>(end - text)) == nullptr) {
    out_ += ".0";
  }
  return *this;
}

}  // namespace dadly::http
