#pragma once
// An in-memory IndexReader for the query and API tests: documents and their
// index keys, replaced versions' keys removed as the store does.
#include <map>
#include <set>
#include <string>

#include "store/index.h"
#include "store/query.h"

namespace tidings::store {

class MemoryIndex : public IndexReader {
 public:
  void Put(const v1::EnrichedDocument& d) {
    if (auto old = docs_.find(d.document().id()); old != docs_.end())
      for (const auto& k : IndexKeys(old->second)) keys_.erase(k);
    docs_[d.document().id()] = d;
    for (const auto& k : IndexKeys(d)) keys_.insert(k);
  }
  Status ScanIndex(std::string_view prefix, std::string_view start,
                   const std::function<bool(std::string_view)>& fn) const override {
    for (auto it = keys_.lower_bound(std::string(start)); it != keys_.end() && it->starts_with(prefix); ++it)
      if (!fn(*it)) break;
    return Status::Ok();
  }
  Result<std::optional<v1::EnrichedDocument>> GetDocument(const std::string& id) const override {
    auto it = docs_.find(id);
    if (it == docs_.end()) return std::optional<v1::EnrichedDocument>();
    return std::optional<v1::EnrichedDocument>(it->second);
  }
  Status ScanThread(const std::string& thread_id,
                    const std::function<bool(const v1::EnrichedDocument&)>& fn) const override {
    for (const auto& [id, d] : docs_)
      if ((d.document().thread_id().empty() ? id : d.document().thread_id()) == thread_id && !fn(d)) break;
    return Status::Ok();
  }
  size_t keys() const { return keys_.size(); }

 private:
  std::set<std::string> keys_;
  std::map<std::string, v1::EnrichedDocument> docs_;
};

}  // namespace tidings::store
