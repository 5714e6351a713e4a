#include "store/conversation_sql.h"

namespace dadly {

void AttachCitations(std::vector<Message>& messages, const std::vector<int64_t>& seqs,
                     std::vector<std::pair<int64_t, Citation>> citations) {
  size_t i = 0;  // both lists are in message order
  for (auto& [message_seq, citation] : citations) {
    while (i < seqs.size() && seqs[i] != message_seq) ++i;
    if (i == seqs.size()) break;
    messages[i].citations.push_back(std::move(citation));
  }
}

}  // namespace dadly
