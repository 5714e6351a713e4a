#include "store/conversation_sql.h"

namespace dadly {

std::string Dollars(std::string sql) {
  for (size_t at = sql.find('?'); at != std::string::npos; at = sql.find('?', at)) sql[at] = '$';
  return sql;
}

}  // namespace dadly
