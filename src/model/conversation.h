// Chat: a user's conversation about the family's memories, with its messages and, for each
// reply, the entries it cites.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dadly {

// An entry a reply cites: its [n] marker is the citation's position in the list, from 1.
struct Citation {
  std::string entry_id;
  std::string occurred_at;  // YYYY-MM-DD
  std::string excerpt;      // the part of the entry shown beside the reply
  int64_t entry_seq = 0;    // the store's key of the entry
};

struct Message {
  std::string id;
  std::string role;  // user | assistant
  std::string content;
  std::vector<Citation> citations;  // only on replies
  int64_t created_at = 0;
  // A reply's passages it did not cite (no excerpt): withheld and erased with them all the same.
  std::vector<Citation> sources;
};

struct Conversation {
  std::string id;
  std::string family_id;
  std::string user_id;  // whose it is: nobody else sees it
  std::string title;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t seq = 0;  // list order with updated_at
};

}  // namespace dadly
